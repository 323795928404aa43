/**
 * A repeatable group of the police forms (raid sites, seizures): the rows, each a fieldset with its own
 * remove button, and an add button. Both are conform intents, so they work without JavaScript too (the
 * server answers the intent and the page comes back with the row added or removed, nothing saved).
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { LeadFormMetadata } from "~/components/cases/lead-form-fields";
import { ErrorList } from "~/components/ui/form";

export type PoliceListName = "newSites" | "seizures";

export function PoliceRows<Item>({
  form,
  list,
  listName,
  items,
  max,
  defaultItem = {},
  renderItem,
}: {
  form: LeadFormMetadata;
  list: { name: string; errors?: string[]; errorId: string };
  listName: PoliceListName;
  items: Array<{ key?: string } & Item>;
  max: number;
  defaultItem?: Record<string, unknown>;
  renderItem: (item: Item, index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="repeatable">
      {items.length === 0 ? <p className="muted empty-list">{t(`police.rows.empty.${listName}`)}</p> : null}
      <ol className="repeatable-items">
        {items.map((item, index) => {
          const title = t(`police.rows.item.${listName}`, { number: index + 1 });
          return (
            <li key={item.key ?? index} className="repeatable-item">
              <fieldset aria-label={title}>
                <div className="repeatable-item-head">
                  <h3 className="repeatable-item-title">{title}</h3>
                  <button
                    {...form.remove.getButtonProps({ name: list.name, index })}
                    className="button button-quiet button-danger"
                    aria-label={t("police.rows.removeItem", { item: title })}
                  >
                    {t("police.rows.remove")}
                  </button>
                </div>
                <div className="repeatable-item-body">{renderItem(item, index)}</div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <ErrorList id={list.errorId} errors={list.errors} />
      {items.length < max ? (
        <button {...form.insert.getButtonProps({ name: list.name, defaultValue: defaultItem as never })} className="button button-secondary-light">
          {t(`police.rows.add.${listName}`)}
        </button>
      ) : null}
    </div>
  );
}
