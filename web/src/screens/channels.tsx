import { useIntl } from "react-intl";
import { CatalogueScreen } from "../components/CatalogueScreen.tsx";
import { useT } from "../i18n/use-t.ts";
import { pickName } from "../lib/names.ts";
import type { Channel } from "../lib/types.ts";
import { ChannelForm } from "./channel-form.tsx";

/** Service channels: the built-in kinds (named in the interface language) and the organisation's own. */
export function ChannelsScreen() {
  const t = useT();
  const { locale } = useIntl();
  const name = (c: Channel) => (c.kind ? t(`channelKind.${c.kind}`) : pickName(c.names, locale));
  return (
    <CatalogueScreen<Channel>
      resource="channels"
      text={{
        title: t("channels.title"),
        list: t("channels.list"),
        showArchived: t("channels.showArchived"),
        empty: t("channels.empty"),
      }}
      nameOf={name}
      editable={(c) => !c.kind}
      columns={[
        { header: t("field.name"), cell: name },
        { header: t("channels.origin"), cell: (c) => t(c.kind ? "channels.builtIn" : "channels.own") },
      ]}
      form={({ item, onDone }) => <ChannelForm channel={item} onDone={onDone} />}
    />
  );
}
