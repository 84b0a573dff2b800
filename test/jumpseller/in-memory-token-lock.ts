// The token lock port as the database adapter behaves (one holder at a time, like SELECT … FOR
// UPDATE; commit when the callback resolves, roll back when it rejects), for refresher tests.
import type { IntegrationId } from '../../src/company/model.js';
import type { LockedTokens, StoredTokens, TokenLockPort } from '../../src/jumpseller/token-refresher.js';

export class InMemoryTokenLock implements TokenLockPort {
  tokens: StoredTokens | null;
  status = 'connected';
  private chain: Promise<unknown> = Promise.resolve();
  constructor(tokens: StoredTokens | null) { this.tokens = tokens; }
  withLockedTokens<T>(_id: IntegrationId, fn: (l: LockedTokens) => Promise<T>): Promise<T> {
    const run = this.chain.then(async () => {
      const staged = { tokens: this.tokens, status: this.status };
      const locked: LockedTokens = {
        tokens: this.status === 'connected' ? this.tokens : null,
        save: async (t) => { staged.tokens = t; },
        markReauthorizationRequired: async () => { staged.status = 'reauth_required'; },
      };
      const result = await fn(locked); // a rejection rolls back: staged is dropped
      this.tokens = staged.tokens;
      this.status = staged.status;
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
