import { Module } from '@nestjs/common';

import { ApiLogsModule } from '../api-logs/api-logs.module.js';
import { BridgeHttp } from './bridge-http.js';
import { BridgeV2Client } from './bridge-v2.client.js';
import { BridgeV3Client } from './bridge-v3.client.js';
import { BridgeClient } from './bridge.client.js';
import { TokenCache } from './token-cache.js';
import { VersionedBridgeClient } from './versioned-bridge.client.js';

/** The Bridge provider: the only code that knows Bridge's URLs, headers, auth, paging and errors. */
@Module({
  imports: [ApiLogsModule],
  providers: [
    BridgeHttp,
    TokenCache,
    BridgeV2Client,
    BridgeV3Client,
    { provide: BridgeClient, useClass: VersionedBridgeClient },
  ],
  exports: [BridgeClient],
})
export class BridgeModule {}
