import type { Locale, Localized } from "../consent/locales";

/** What a campaign sends, per language: Kazakh always, Russian and English when given. */
export interface CampaignContent {
  subject: Partial<Localized> & { kk: string };
  html: Partial<Localized> & { kk: string };
  text: Partial<Localized> & { kk: string };
}

export interface CampaignRecord {
  id: string;
  apiKeyId: string;
  reference: string;
  requestHash: string;
  topic: string;
  channel: "email";
  from: string;
  replyTo: string | null;
  content: CampaignContent;
  sendAt: string;
  createdAt: string;
  sendCheckId: string;
  /** As given, duplicates included. */
  recipients: number;
  /** Recipients naming a contact another recipient already named: one mail each. */
  duplicates: number;
  /** Blocked by the send check at creation, by reason. */
  blockedAtStart: Record<string, number>;
  batches: number;
  cancelledAt: string | null;
  failedAt: string | null;
  /** The topic's digest campaign: "digest only" recipients are allowed. */
  digest: boolean;
}

export type RecipientStatus = "queued" | "sending" | "sent" | "blocked" | "failed" | "cancelled";

/** One recipient's fate in a claimed batch: claimed for sending (in its language), or blocked by the re-check. */
export type BatchDecision = { contactId: string; status: "sending"; locale: Locale } | { contactId: string; status: "blocked"; reason: string };

/** A claimed recipient, with the address it goes to (read from contacts at send time). */
export interface SendingRecipient {
  contactId: string;
  locale: Locale;
  email: string | null;
}

export interface CampaignProgress {
  /** Recipient rows by status, and by reason for blocked and failed ones. */
  byStatus: Partial<Record<RecipientStatus, number>>;
  blockedByReason: Record<string, number>;
  failedByReason: Record<string, number>;
  /** Bounces and complaints Resend reported for sent mail. */
  deliveries: { bounced: number; complained: number };
  /** Batches with nothing left to send. */
  batchesDone: number;
  /** The first failures, in batch order. */
  errors: { batch: number; reason: string; detail: string | null; recipients: number }[];
}

export interface CampaignStore {
  /**
   * Writes the campaign and its recipients (in order, `batch` = position / batch size) in
   * one transaction; when (apiKeyId, reference) exists already, writes nothing and answers it.
   */
  create(campaign: CampaignRecord, contactIds: string[], batchSize: number): Promise<{ created: true } | { existing: CampaignRecord }>;
  findByReference(apiKeyId: string, reference: string): Promise<CampaignRecord | undefined>;
  get(id: string): Promise<CampaignRecord | undefined>;
  /** Newest first, after the campaign whose id is `after` (the console's list). */
  list(query: { after: string | undefined; limit: number }): Promise<CampaignRecord[]>;
  /** The batch's rows still queued and those claimed by an earlier delivery that did not finish. */
  openBatch(campaignId: string, batch: number): Promise<{ queued: string[]; sending: SendingRecipient[] }>;
  /**
   * Applies the re-check's decisions to rows still queued, only while the campaign is not
   * cancelled; answers every row of the batch now claimed for sending (position order),
   * with its address. A cancelled campaign claims nothing.
   */
  claimBatch(campaignId: string, batch: number, decisions: BatchDecision[]): Promise<SendingRecipient[]>;
  /** Marks claimed rows sent, each with Resend's message id. */
  recordSent(campaignId: string, batch: number, sent: { contactId: string; messageId: string }[], at: string): Promise<void>;
  /** Rows of the batch still queued or claimed become failed with the reason. */
  failBatch(campaignId: string, batch: number, reason: string, detail: string | null): Promise<void>;
  /** Stops what has not been claimed yet: "cancelled" once, then "already"; "unknown" for no such campaign. */
  cancel(campaignId: string, at: string): Promise<"cancelled" | "already" | "unknown">;
  markFailed(campaignId: string, at: string): Promise<void>;
  progress(campaignId: string): Promise<CampaignProgress>;
  /** A bounce or complaint for a message a campaign sent (by Resend's id); false when no campaign sent it. */
  noteDelivery(messageId: string, outcome: "bounced" | "complained"): Promise<boolean>;
}
