/**
 * An organisation's sender settings for technical admins: From, Reply-To and DKIM. The DKIM
 * private key is write-only: it is stored, used to sign, and never returned, logged or audited.
 */
import { createPrivateKey } from "node:crypto";
import type { MailSettings, MailSettingsUpdate } from "@yhteys/contracts";

import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { mailSettings } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";

export type MailSettingsRow = typeof mailSettings.$inferSelect;

export async function mailSettingsOf(db: Queryable, organisationId: string): Promise<MailSettingsRow | null> {
  const [row] = await db.select().from(mailSettings).where(eq(mailSettings.organisationId, organisationId));
  return row ?? null;
}

function present(row: MailSettingsRow | null, transportConfigured: boolean): MailSettings {
  return {
    fromName: row?.fromName ?? "",
    fromAddress: row?.fromAddress ?? "",
    replyTo: row?.replyTo ?? null,
    dkim:
      row?.dkimDomain && row.dkimSelector
        ? { domain: row.dkimDomain, selector: row.dkimSelector, keySet: Boolean(row.dkimPrivateKey) }
        : null,
    transportConfigured,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

type Ctx = Pick<AppContext, "db" | "config">;

export async function getMailSettings(ctx: Ctx, actor: StaffActor): Promise<MailSettings> {
  requireTechnicalAdmin(actor);
  return present(await mailSettingsOf(ctx.db, actor.organisationId), Boolean(ctx.config.email.smtpUrl));
}

/** A key that parses as a private key (RSA or Ed25519); the parse error itself may quote the key, so it is not passed on. */
function checkKey(pem: string) {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "ed25519") throw new Error("type");
  } catch {
    throw new AppError("validation_failed", "The DKIM private key is not a valid RSA or Ed25519 key in PEM", [
      { path: "body.dkim.privateKey", message: "not a valid private key" },
    ]);
  }
}

export async function updateMailSettings(ctx: Ctx, actor: StaffActor, input: z.output<typeof MailSettingsUpdate>): Promise<MailSettings> {
  requireTechnicalAdmin(actor);
  if (input.dkim?.privateKey) checkKey(input.dkim.privateKey);
  const row = await ctx.db.transaction(async (tx) => {
    const current = await mailSettingsOf(tx, actor.organisationId);
    const key = input.dkim ? (input.dkim.privateKey ?? current?.dkimPrivateKey ?? null) : null;
    if (input.dkim && !key)
      throw new AppError("validation_failed", "Give the DKIM private key", [{ path: "body.dkim.privateKey", message: "required" }]);
    const values = {
      fromName: input.fromName,
      fromAddress: input.fromAddress,
      replyTo: input.replyTo,
      dkimDomain: input.dkim?.domain ?? null,
      dkimSelector: input.dkim?.selector ?? null,
      dkimPrivateKey: key,
      updatedBy: actor.userId,
      updatedAt: sql`now()`,
    };
    const [saved] = await tx
      .insert(mailSettings)
      .values({ organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: mailSettings.organisationId, set: values })
      .returning();
    await appendAudit(tx, actor, {
      action: "mail.settings_changed",
      subjectType: "mail_settings",
      subjectId: actor.organisationId,
      detail: {
        fromAddress: input.fromAddress,
        replyTo: input.replyTo,
        dkim: input.dkim ? { domain: input.dkim.domain, selector: input.dkim.selector, keyChanged: Boolean(input.dkim.privateKey) } : null,
      },
    });
    return saved ?? null;
  });
  return present(row, Boolean(ctx.config.email.smtpUrl));
}
