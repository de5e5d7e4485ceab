import { type Api, GrammyError } from "grammy";
import type { AppServices } from "../app.ts";
import type { DossierNotification } from "../domain/dossiers/notification.ts";
import { whatToDo } from "./views/dossier-card.ts";

export interface BackgroundOptions {
  /** How often to look for imports and notifications to send (ms). */
  intervalMs?: number;
  /**
   * With several instances: takes over the notices another instance was sending when it died
   * (each round; a notice sent by a live instance is left to it).
   */
  resumeBroadcasts?: () => Promise<void>;
  /**
   * With several instances: brings in what staff changed through the others (centers, posted
   * lists), every STAFF_CHANGES_EVERY rounds. One process changes its catalog as it stores.
   */
  refreshStaffChanges?: () => Promise<unknown>;
}

const HOUR = 3_600_000;
/**
 * A round claims this many queued notifications at a time, for this long: long enough to send
 * them at Telegram's pace, short enough that those left when Telegram is unreachable (or the
 * instance stops) are offered again within minutes, to whichever instance runs next.
 */
const CLAIM_BATCH = 20;
/**
 * Rounds between two looks for what staff changed through other instances (centers, posted
 * lists): 30 s at the default pace. Reading every center change and list each second would
 * cost the database more than a change seen half a minute late costs anyone.
 */
const STAFF_CHANGES_EVERY = 30;
const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * The bot's work besides answering: applies imports queued by the command line, sends each
 * queued status-change notification once, brings in what staff changed through other instances,
 * and prunes recorded look-ups past their retention (and the limiter's counts once they say
 * nothing).
 * A notification leaves the queue only after Telegram accepted it, so a graceful restart in
 * between sends it after the restart, once; a hard kill can repeat only the one in flight.
 */
export function startBackgroundJobs(api: Api, services: AppServices, options: BackgroundOptions = {}) {
  const intervalMs = options.intervalMs ?? 1000;
  let stopped = false;
  let lastPrune = 0;
  let rounds = 0;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  // Rounds never overlap: two at once would both send the same queued notification.
  let previous: Promise<void> = Promise.resolve();
  const serialized = (): Promise<void> => {
    const round = previous.then(tick);
    previous = round.catch(() => undefined);
    return round;
  };

  /** Sends what is queued, batch by batch; false when stopped on the way. */
  const sendQueuedNotifications = async (): Promise<boolean> => {
    for (;;) {
      const claimed = await services.store.dossiers.claimNotifications(new Date(), CLAIM_BATCH, CLAIM_LEASE_MS);
      if (claimed.length === 0) return true;
      for (const notification of claimed) {
        if (stopped) return false;
        // Telegram unreachable: the rest wait for their lease to end, then the next round.
        if (!(await deliver(api, services, notification))) return true;
      }
    }
  };

  const tick = async () => {
    const now = new Date();
    await services.store.applyQueuedReports(now);
    await options.resumeBroadcasts?.();
    if (!(await sendQueuedNotifications())) return;
    if (options.refreshStaffChanges && ++rounds % STAFF_CHANGES_EVERY === 0) await options.refreshStaffChanges();
    if (now.getTime() - lastPrune > HOUR) {
      const before = new Date(now.getTime() - services.lookupRetentionDays * 24 * HOUR);
      await services.store.lookups.prune(before);
      await services.store.events.prune(before);
      await services.store.lookupLimits.prune(now);
      await services.store.updates?.prune(new Date(now.getTime() - 2 * 24 * HOUR));
      lastPrune = now.getTime();
    }
  };
  const loop = () => {
    running = serialized()
      .catch((err: unknown) => services.logger.error({ err }, "background job failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();
  return {
    /** Runs one round now and waits for it (tests, and right after an import). */
    runOnce: (): Promise<void> => serialized(),
    /** Lets the round in progress finish, then stops. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** Sends one notification; false when Telegram could not be reached (try again later). */
async function deliver(api: Api, services: AppServices, n: DossierNotification): Promise<boolean> {
  const t = services.i18n.translator(n.locale);
  const dossier = await services.store.dossiers.get(n.dossierCode);
  // The dossier may have moved on since the change was queued: its details then belong to a later notification.
  const details =
    dossier?.status === n.status
      ? whatToDo(dossier, { t, locale: n.locale, catalog: services.catalog, now: new Date() })
      : [t("dossier.next", { next: t(`dossier.status.${n.status}.next`) })];
  const text = [
    t("dossier.changed", { code: n.dossierCode, status: t(`dossier.status.${n.status}.label`) }),
    ...details,
  ].join("\n");
  try {
    await api.sendMessage(n.chatId, text);
  } catch (error) {
    if (!(error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400))) {
      services.logger.warn({ err: error }, "notification not sent; will retry");
      return false;
    }
    // Blocked the bot or the chat is gone: stop following, drop the message.
    await services.store.dossiers.unsubscribe(n.dossierCode, n.chatId);
  }
  await services.store.dossiers.markDelivered(n.id);
  return true;
}
