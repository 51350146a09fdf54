import { Fragment, type ReactNode, useId, useRef, useState } from "react";
import { useT } from "../i18n/use-t.ts";
import { type Resource, useArchiveToggle, useList } from "../lib/catalogue.ts";
import { useActiveOrg } from "../lib/me.ts";
import { ArchiveButton } from "./ArchiveButton.tsx";
import { ArchivedToggle } from "./ArchivedToggle.tsx";
import { EditButton } from "./EditButton.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { type Column, ItemTable } from "./ItemTable.tsx";
import { ListSection } from "./ListSection.tsx";
import { Loading } from "./Loading.tsx";
import { Page } from "./Page.tsx";
import { StatusMessage, useStatusMessage } from "./StatusMessage.tsx";

type Item = { id: string; archivedAt: string | null };

export type FormProps<T> = { item: T | null; onDone: (message?: string) => void };

type CatalogueScreenProps<T extends Item> = {
  resource: Resource;
  text: { title: string; list: string; showArchived: string; empty: string };
  /** The columns; the first one names the item. */
  columns: Column<T>[];
  nameOf: (item: T) => string;
  /** Items that may be edited (all by default); any item may be archived. */
  editable?: (item: T) => boolean;
  /** Reorders the list (departments show as a tree). */
  order?: (items: T[]) => T[];
  form: (props: FormProps<T>) => ReactNode;
};

/** A catalogue screen: the list with "show archived", edit/archive/restore per row, and the add/edit form. */
export function CatalogueScreen<T extends Item>(props: CatalogueScreenProps<T>) {
  const { resource, text, columns, nameOf, editable = () => true, order = (items) => items, form } = props;
  const t = useT();
  const { canManage } = useActiveOrg();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<T | null>(null);
  const [status, setStatus] = useStatusMessage();
  const list = useList<T>(resource, showArchived);
  const archiving = useArchiveToggle(resource, setStatus);
  const listId = useId();
  const listHeading = useRef<HTMLHeadingElement>(null);

  const onDone = (message?: string) => {
    // After an edit (or cancel) focus returns to the list; after adding, it stays in the form for the next one.
    if (editing) listHeading.current?.focus();
    setEditing(null);
    if (message) setStatus(message);
  };

  const actions = (item: T) => (
    <>
      {editable(item) && <EditButton name={nameOf(item)} onClick={() => setEditing(item)} />}
      <ArchiveButton
        name={nameOf(item)}
        archived={!!item.archivedAt}
        disabled={archiving.pending}
        onClick={() => archiving.toggle(item, nameOf(item))}
      />
    </>
  );

  return (
    <Page title={text.title}>
      <StatusMessage message={status} />
      <ListSection id={listId} title={text.list} ref={listHeading}>
        <ArchivedToggle label={text.showArchived} checked={showArchived} onChange={setShowArchived} />
        <ErrorAlert error={list.error ?? archiving.error} />
        {list.isPending ? (
          <Loading />
        ) : (
          <ItemTable
            labelledBy={listId}
            items={order(list.data ?? [])}
            empty={text.empty}
            columns={columns}
            actions={canManage ? actions : undefined}
          />
        )}
      </ListSection>
      {canManage && <Fragment key={editing?.id ?? "new"}>{form({ item: editing, onDone })}</Fragment>}
      {!canManage && <p className="muted">{t("common.readOnly")}</p>}
    </Page>
  );
}
