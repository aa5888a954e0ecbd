import { BridgeError } from '../bridge/bridge.errors.js';
import type { ErrorCode } from '../common/errors/error-codes.js';

/**
 * Bridge stopped a Synchro after some pages were committed: those are kept (with the line changes they bring, marked in
 * the mirror), and the next Synchro resumes from there. Answers with the status of Bridge's own failure.
 */
export class SyncInterruptedError extends BridgeError {
  readonly httpStatus: number;
  readonly code: ErrorCode = 'sync.interrupted';

  constructor(
    override readonly cause: BridgeError,
    statementId: number,
    saved: { pages: number; operations: number; accounts: Set<number> },
  ) {
    const accounts = [...saved.accounts];
    // Bridge's own message ends by saying nothing was changed, which is no longer true here.
    const reason = cause.message.replace(/;\s*nothing was changed\b.*$/, '').replace(/\.$/, '');
    super(
      `${reason}. The Synchro of statement ${statementId} stopped after saving ${saved.pages} page(s) (${saved.operations} operation(s)) of Bridge account${accounts.length > 1 ? 's' : ''} ${accounts.join(', ')}: they are kept, and running the Synchro again resumes from there.`,
    );
    this.httpStatus = cause.httpStatus;
  }
}
