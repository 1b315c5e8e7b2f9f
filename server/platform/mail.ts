import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Executor } from './database/tenant';
import type { MailAttachmentRecord } from './database/schema';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** A link that carries a query or fragment, where sign-in tokens travel. */
const LINK_WITH_SECRET = /\bhttps?:\/\/[^\s?#]+[?#][^\s]*/g;

/**
 * The text as an admin may read it in the outbox: a link that carries a query or fragment (an
 * invitation or reset token) is replaced by a note that it was sent, so nobody can use it but
 * the addressee.
 */
export function withoutSecretLinks(text: string): string {
  return text.replace(LINK_WITH_SECRET, (link) => `[link sent: ${link.replace(/[?#].*$/, '')}]`);
}

/**
 * Mail is written to the outbox inside the caller's transaction, so it is sent only if the
 * command commits. With SMTP configured a job delivers it; without, it is held for admins to read.
 */
export class Mailer {
  private readonly transport: Transporter | null;
  /**
   * With SMTP_URL=file:///folder, each message is also written there as JSON, as its addressee
   * would receive it: for development and browser tests, since the outbox never shows sign-in links.
   */
  private readonly dropFolder: string | null;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    this.dropFolder = smtpUrl?.startsWith('file://') ? fileURLToPath(smtpUrl) : null;
    this.transport = smtpUrl && !this.dropFolder ? nodemailer.createTransport(smtpUrl) : null;
  }

  get smtpConfigured(): boolean {
    return this.transport !== null;
  }

  async queue(db: Executor, networkId: string, message: MailMessage): Promise<string> {
    const attachments: MailAttachmentRecord[] = (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      contentBase64: a.content.toString('base64'),
    }));
    const row = await db
      .insertInto('mail_outbox')
      .values({
        network_id: networkId,
        to_address: message.to,
        subject: message.subject,
        body_text: message.text,
        attachments: JSON.stringify(attachments),
        status: this.transport ? 'pending' : 'held',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (this.dropFolder) {
      fs.mkdirSync(this.dropFolder, { recursive: true });
      fs.writeFileSync(path.join(this.dropFolder, `${Date.now()}-${row.id}.json`), JSON.stringify({ to: message.to, subject: message.subject, text: message.text }));
    }
    return row.id;
  }

  /** Sends pending mail; called by the `mail.deliver` job. Returns how many were sent. */
  async deliverPending(db: Executor, limit = 50): Promise<number> {
    if (!this.transport) return 0;
    const pending = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    let sent = 0;
    for (const mail of pending) {
      try {
        await this.transport.sendMail({
          from: this.from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body_text,
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.contentBase64, 'base64'),
          })),
        });
        await db
          .updateTable('mail_outbox')
          .set({ status: 'sent', sent_at: new Date(), attempts: mail.attempts + 1 })
          .where('network_id', '=', mail.network_id)
          .where('id', '=', mail.id)
          .execute();
        sent++;
      } catch (error) {
        await db
          .updateTable('mail_outbox')
          .set({
            status: mail.attempts + 1 >= 5 ? 'failed' : 'pending',
            attempts: mail.attempts + 1,
            last_error: (error as Error).message,
          })
          .where('network_id', '=', mail.network_id)
          .where('id', '=', mail.id)
          .execute();
      }
    }
    return sent;
  }
}
