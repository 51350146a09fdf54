import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import { channel } from "../../db/schema.ts";

/** Built-in contact channels every organisation starts with. */
export const CHANNEL_KINDS = ["face_to_face", "phone", "email", "self_service", "web", "other"] as const;
export type TChannelKind = (typeof CHANNEL_KINDS)[number];

const NAMES: Record<TChannelKind, Record<string, string>> = {
  face_to_face: { et: "Silmast silma", en: "Face to face", ru: "Лично", lv: "Klātienē", lt: "Gyvai" },
  phone: { et: "Telefon", en: "Phone", ru: "Телефон", lv: "Tālrunis", lt: "Telefonu" },
  email: { et: "E-post", en: "E-mail", ru: "Электронная почта", lv: "E-pasts", lt: "El. paštas" },
  self_service: {
    et: "Iseteenindus",
    en: "Self-service portal",
    ru: "Портал самообслуживания",
    lv: "Pašapkalpošanās portāls",
    lt: "Savitarnos portalas",
  },
  web: { et: "Veebileht", en: "Website", ru: "Веб-сайт", lv: "Tīmekļa vietne", lt: "Interneto svetainė" },
  other: { et: "Muu", en: "Other", ru: "Другое", lv: "Cits", lt: "Kita" },
};

/** Adds the built-in channels to an organisation (idempotent). */
export async function seedChannels(db: Db, orgId: string): Promise<void> {
  await db
    .insert(channel)
    .values(CHANNEL_KINDS.map((kind) => ({ orgId, id: randomUUID(), kind, names: NAMES[kind] })))
    .onConflictDoNothing();
}
