import { Composer, type Context, type Middleware } from "grammy";

type MaybePromise<T> = T | Promise<T>;

/**
 * The Composer of a feature: grammY's, with a `filter` that allocates nothing per update. `on`,
 * `command`, `callbackQuery`, `chatType` and `hears` are all built on `filter`, which grammY runs
 * through `lazy`: a throwaway Composer for every update that reaches it. A text passed about 65
 * of them on its way to the search, and they made a quarter of what the bot allocated (sampled
 * allocation profile, docs/performance.md). Same behaviour: a matching update goes to the
 * middleware, any other to `next`; middleware added later to the returned composer counts too.
 */
export class Feature<C extends Context> extends Composer<C> {
  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const matching = new Feature<C>(...middleware);
    this.use(async (ctx, next) => ((await predicate(ctx)) ? matching.middleware()(ctx, next) : next()));
    return matching;
  }
}
