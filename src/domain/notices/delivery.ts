/** What happened to one recipient of a notice. */
export interface DeliveryRecord {
  chatId: number;
  result: "sent" | "blocked" | "failed";
  at: string;
}

/**
 * Who a notice goes to (fixed when staff confirm it) and what happened to each, recorded as it
 * happens: after a crash, the recipients without a record are exactly the ones left to do.
 */
export interface DeliveryLog {
  setRecipients(noticeId: string, chatIds: number[]): Promise<void>;
  recipients(noticeId: string): Promise<number[]>;
  record(noticeId: string, entry: DeliveryRecord): Promise<void>;
  records(noticeId: string): Promise<DeliveryRecord[]>;
}
