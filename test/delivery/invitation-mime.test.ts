import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { renderInvitationMessage } from "../../src/emails/render-invitation.ts";
import { surveyTokenFor } from "../../src/modules/delivery/survey-link.ts";
import { PUBLIC_URL } from "./helpers.ts";

/** What nodemailer builds from the same fields (the way every e-mail went before). */
async function nodemailerBuild(
  mail: { subject: string; text: string; html: string; headers: Record<string, string> },
  o: { from: { name: string; address: string }; to: string; messageId: string },
) {
  return new MailComposer({ ...o, ...mail }).compile().build();
}

describe("invitation MIME prepared once per template", () => {
  const definition = standardDefinition({ locales: ["et", "ru", "en"] });
  const from = { name: "Sotsiaalkindlustusamet – Põlva «ÕÄÖÜ»", address: "kaja@example.test" };

  for (const locale of ["et", "ru", "en"]) {
    it(`decodes to what nodemailer builds (${locale}), for many tokens`, async () => {
      for (let i = 0; i < 40; i++) {
        const { token } = surveyTokenFor("mime-secret", "org", `invitation-${locale}-${i}`);
        const to = `p-${i}@example.test`;
        const messageId = `<inv-${i}@example.test>`;
        const { mail: filled, raw } = await renderInvitationMessage({
          orgName: from.name,
          definition,
          locale,
          names: { service: "Pensionid ja toetused", employee: "Mari Maasikas" },
          publicUrl: PUBLIC_URL,
          token,
          from,
          to,
          messageId,
        });
        assert.ok(raw, "the message is prepared directly");
        const mail = filled();
        const text = raw.toString("utf8");
        for (const line of text.split(/\r?\n/)) assert.ok(line.length <= 998, "no line over 998 characters");
        const ours = await simpleParser(raw);
        const theirs = await simpleParser(await nodemailerBuild(mail, { from, to, messageId }));
        assert.equal(ours.subject, theirs.subject);
        assert.equal(ours.messageId, theirs.messageId);
        assert.deepEqual(ours.from?.value, theirs.from?.value);
        assert.deepEqual(
          (Array.isArray(ours.to) ? ours.to : [ours.to]).map((a) => a?.value),
          (Array.isArray(theirs.to) ? theirs.to : [theirs.to]).map((a) => a?.value),
        );
        assert.equal(ours.text, theirs.text);
        assert.equal(ours.html, theirs.html);
        assert.equal(
          ours.headers.get("list-unsubscribe")?.toString(),
          theirs.headers.get("list-unsubscribe")?.toString(),
        );
        assert.deepEqual(ours.headers.get("list-unsubscribe"), theirs.headers.get("list-unsubscribe"));
        assert.equal(ours.headers.get("list-unsubscribe-post"), theirs.headers.get("list-unsubscribe-post"));
        assert.ok(ours.text?.includes(`/s/${token}?score=`), "the text carries this recipient's link");
        assert.ok(
          String(ours.html).includes(`/unsubscribe/${token}`),
          "the HTML carries this recipient's link",
        );
        // Quoted-printable lines stay within 76 characters whatever the token.
        for (const line of text.split("\r\n\r\n").slice(1).join("\r\n").split(/\r?\n/))
          assert.ok(line.length <= 76, `body line within 76 characters: ${line}`);
      }
    });
  }

  it("leaves an address nodemailer has to encode to nodemailer", async () => {
    const { token } = surveyTokenFor("mime-secret", "org", "invitation-idn");
    const { raw } = await renderInvitationMessage({
      orgName: from.name,
      definition,
      locale: "et",
      publicUrl: PUBLIC_URL,
      token,
      from,
      to: "jüri@näide.ee",
      messageId: "<inv-idn@example.test>",
    });
    assert.equal(raw, null);
  });
});
