/**
 * A store part whose module is loaded, and whose statements are prepared, on the first call of
 * any of its methods: the parts a short CLI command never uses (watch rules, watchlists) cost it
 * nothing at open, and their modules (classic zod for user input) are never loaded by it.
 *
 *   const rules = lazyPart(RULES_METHODS, async () => (await import('./rules.js')).createRulesStore(db));
 *
 * Every method of such a part returns a promise, so waiting for the module changes no contract;
 * `methods` lists them all (a `Record<keyof Part, true>`, so the compiler notices a missing one).
 */
type AsyncPart<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

export function lazyPart<T extends AsyncPart<T>>(methods: Record<keyof T, true>, build: () => Promise<T>): T {
  let built: Promise<T> | undefined;
  const entries = Object.keys(methods).map((name) => {
    const call = async (...args: unknown[]): Promise<unknown> => {
      built ??= build();
      const part = await built;
      const method: (...a: never[]) => Promise<unknown> = part[name as keyof T];
      return Reflect.apply(method, part, args) as Promise<unknown>;
    };
    return [name, call] as const;
  });
  // The entries are exactly the methods of T (the record's keys), each with T's signature.
  return Object.fromEntries(entries) as unknown as T;
}
