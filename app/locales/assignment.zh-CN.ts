import type { Messages } from "./en";

export const assignmentZh: Messages["assignment"] = {
  title: "办案民警",
  none: "本案尚未指派办案民警。",
  lead: "主办民警",
  assignedBy: "由 {{name}} 于 {{time}} 指派",
  assignTitle: "指派民警",
  officer: "本机关民警",
  chooseOfficer: "请选择民警…",
  asLead: "指定为主办民警",
  assign: "指派",
  makeLead: "指定 {{name}} 为主办民警",
  unassign: "撤回 {{name}} 的指派",
  noCandidates: "本机关在岗民警均已指派到本案。",
  done: {
    assign: "已指派该民警，并已通知本人。",
    unassign: "已撤回该民警的指派。",
    make_lead: "已更换主办民警。",
  },
  errors: {
    officerRequired: "请选择要指派的民警。",
    officer_not_assignable: "只能指派本机关在岗的民警办理本案。",
    already_assigned: "{{name}} 已在本案办案民警之列。",
    already_assigned_generic: "该民警已在本案办案民警之列。",
    not_assigned: "该民警已不在本案办案民警之列，请刷新页面查看。",
    wrong_state: "案件当前为“{{status}}”状态，不能指派民警。",
    wrong_state_generic: "只有在接收线索后、结案前才能指派民警。",
    invalid: "表单填写不完整，请检查后再试。",
  },
};
