import { casesEn } from "./cases.en";
import { packetEn } from "./packet.en";
import { evidenceEn } from "./evidence.en";
import { workflowEn } from "./workflow.en";
import { assignmentEn } from "./assignment.en";
import { inboxEn } from "./inbox.en";
import { caseVocabularyEn } from "./case-vocabulary.en";
import { policeEn } from "./police.en";
import { accountEn } from "./account.en";
import { adminEn } from "./admin.en";
import { integrationsEn } from "./integrations.en";
import { collaborationEn } from "./collaboration.en";
import { statisticsEn } from "./statistics.en";
import { mapEn } from "./map.en";
import { blacklistEn } from "./blacklist.en";
import { operationsEn } from "./operations.en";

/**
 * English strings. zh-CN.ts must have exactly the same keys (the type checker enforces it).
 * Keys are grouped by page or domain; interpolations use {{name}}. A feature with many strings keeps them
 * in its own pair of files (<namespace>.en.ts / <namespace>.zh-CN.ts) registered below and in zh-CN.ts.
 */
export const en = {
  app: {
    name: "Anti-Counterfeiting Case Collaboration Portal",
    shortName: "AC Portal",
    tagline: "Joint anti-counterfeiting case work between the platform and police partners",
    auditNotice: "Every action in this portal is recorded in a tamper-evident audit log.",
  },
  nav: {
    main: "Main navigation",
    home: "Home",
    skipToContent: "Skip to main content",
    signOut: "Sign out",
    signedInAs: "Signed in as {{name}}",
    language: "Language",
    switchTo: "中文",
    switchToLabel: "切换到中文",
    account: "Your account",
  },
  roles: {
    investigator: "Platform investigator",
    platform_lead: "Platform lead",
    police_officer: "Police officer",
    police_supervisor: "Police supervisor",
    management: "Management",
    administrator: "Administrator",
  },
  roleDuties: {
    investigator:
      "Builds leads on counterfeit factories and the seller accounts linked to them, uploads evidence, refers approved leads to police partners and records the platform's follow-up.",
    platform_lead:
      "Reviews and approves leads before they go to the police (two-person rule) and manages the quarterly blacklist.",
    police_officer:
      "Works the cases referred to your agency: investigation, raids, seizures, detentions and prosecution.",
    police_supervisor:
      "Sees all of your agency's cases, accepts or declines referrals within the decision period and assigns officers.",
    management:
      "Reviews joint-operation statistics, the counterfeit map and the blacklist for your organisation; changes nothing in cases.",
    administrator: "Manages organisations, user accounts and the memoranda of understanding with police partners.",
  },
  organisationKind: {
    platform: "Platform",
    police: "Police agency",
  },
  login: {
    title: "Sign in",
    intro: "Sign in with the account issued by your organisation.",
    email: "E-mail",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    invalidCredentials:
      "The e-mail or password is not correct, or the account cannot sign in right now. After 5 failed attempts an account is locked for 15 minutes.",
    tooManyAttempts: "Too many failed sign-ins from your network. Wait 15 minutes and try again.",
    signedOut: "You have signed out.",
    demoTitle: "Demo accounts",
    demoHint: "This is a demo installation. Every demo account uses the password given in README.md.",
  },
  home: {
    title: "Home",
    greeting: "Hello, {{name}}",
    organisation: "Organisation",
    role: "Role",
    yourRole: "What your role does here",
    lastSignIn: "Your previous sign-in: {{time}} from {{ip}}",
    firstSignIn: "This is your first sign-in.",
    unknownIp: "an unknown address",
    activityTitle: "Recent activity on your account",
    activityIntro: "If you do not recognise an entry, tell your administrator at once.",
    activityEmpty: "No activity recorded yet.",
    organisationsTitle: "Organisations in the partnership",
    columns: {
      time: "Time",
      event: "Event",
      outcome: "Result",
      ip: "IP address",
      organisation: "Organisation",
      kind: "Type",
      division: "Division code",
      users: "Active accounts",
    },
  },
  audit: {
    outcome: {
      success: "Succeeded",
      failure: "Failed",
    },
    action: {
      "auth.sign_in": "Sign-in",
      "auth.sign_out": "Sign-out",
      "auth.account_locked": "Account locked after repeated failures",
      "auth.sign_in_throttled": "Sign-in refused: too many attempts",
      "user.locale_changed": "Language changed",
      "system.demo_world_seeded": "Demo world created",
      "auth.password_verified": "Password accepted; second factor pending",
      "auth.two_factor_enrolled": "Two-factor sign-in set up",
      "auth.two_factor_disabled": "Two-factor sign-in turned off",
      "auth.recovery_codes_regenerated": "New recovery codes generated",
      "auth.reauthenticated": "Identity confirmed again",
      "auth.session_ended": "Session ended by its user",
      "user.password_changed": "Password changed",
      "user.role_changed": "Role changed",
      "user.deactivated": "Account deactivated",
      "user.reactivated": "Account enabled again",
      "user.unlocked": "Account unlocked",
      "user.two_factor_reset": "Two-factor sign-in reset by an administrator",
      "invitation.created": "User invited",
      "invitation.accepted": "Invitation accepted, account created",
      "invitation.revoked": "Invitation withdrawn",
      "organisation.created": "Organisation added",
      "mou.created": "MOU registered",
      "mou.updated": "MOU changed",
      "mou.ended": "MOU ended",
      "mou.document_attached": "Signed MOU document stored",
      "outbox.sent": "E-mail sent",
      "outbox.send_failed": "E-mail could not be sent",
      "outbox.retry_requested": "E-mail sent again on request",
      "webhook.endpoint_created": "Webhook endpoint added",
      "webhook.endpoint_disabled": "Webhook endpoint disabled",
      "webhook.test_sent": "Webhook test event sent",
      "webhook.retry_requested": "Webhook delivery retried on request",
      "api_token.created": "Feed token created",
      "api_token.revoked": "Feed token revoked",
      "audit.exported": "Audit log exported",
      "case.viewed": "Case viewed",
      "case.created": "Lead created",
      "case.lead_updated": "Lead edited",
      "statistics.exported": "Statistics exported",
      "blacklist.draft_opened": "Blacklist draft opened",
      "blacklist.proposed": "Enterprise proposed for the blacklist",
      "blacklist.reviewed": "Blacklist proposal reviewed",
      "blacklist.published": "Blacklist version published",
      "blacklist.correction_recorded": "Blacklist correction recorded",
      "system.history_imported": "Case history imported",
      "joint_operation.created": "Joint operation registered",
      "joint_operation.updated": "Joint operation changed",
      "case.joint_operation_attached": "Lead attached to a joint operation",
      "case.joint_operation_detached": "Lead taken out of a joint operation",
      "packet.exported": "Referral packet exported",
      "packet.verified": "Referral packet verified",
      "evidence.uploaded": "Evidence file uploaded",
      "evidence.upload_refused": "Evidence file refused",
      "evidence.downloaded": "Evidence file downloaded",
      "evidence.viewed": "Evidence file viewed",
      "evidence.verified": "Evidence file integrity confirmed",
      "evidence.integrity_failed": "Evidence file failed its integrity check",
      "evidence.withdrawn": "Evidence file withdrawn",
    },
    unknownAction: "Other event ({{action}})",
  },
  /** Exported documents (PDF), whatever their subject. */
  document: {
    pageOf: "Page {{page}} of {{pages}}",
  },
  validation: {
    required: "This field is required.",
    email: "Enter an e-mail address such as name@example.com.",
    tooLong: "This is too long (at most {{max}} characters).",
    invalidChoice: "Choose one of the options offered.",
  },
  errors: {
    forbiddenTitle: "You do not have access to this page",
    forbiddenBody: "Your role does not allow this. If you think it should, ask your administrator.",
    notFoundTitle: "Page not found",
    notFoundBody: "There is nothing at this address, or it is not shared with your organisation.",
    serverTitle: "Something went wrong",
    serverBody: "The portal could not complete the request. Nothing you entered has been lost; please try again.",
    unavailableTitle: "The portal is starting",
    unavailableBody: "The database is not ready yet. Please try again in a moment.",
    csrfTitle: "Request refused",
    backHome: "Back to the home page",
    statusCode: "Error {{status}}",
  },
  language: {
    "zh-CN": "简体中文",
    en: "English",
  },
  caseVocabulary: caseVocabularyEn,
  police: policeEn,
  cases: casesEn,
  evidence: evidenceEn,
  workflow: workflowEn,
  assignment: assignmentEn,
  inbox: inboxEn,
  packet: packetEn,
  account: accountEn,
  admin: adminEn,
  integrations: integrationsEn,
  collaboration: collaborationEn,
  statistics: statisticsEn,
  map: mapEn,
  blacklist: blacklistEn,
  operations: operationsEn,
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
