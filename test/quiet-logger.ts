import { Logger } from '@nestjs/common';

// Tests assert on behaviour, not on log lines: keep Nest's console quiet unless something is really wrong.
Logger.overrideLogger(['error']);
