import { Global, Module, type DynamicModule } from '@nestjs/common';

import { AppConfig, loadAppConfig } from './app-config.js';

@Global()
@Module({})
export class AppConfigModule {
  /** Provides the validated configuration; tests pass their own environment instead of process.env. */
  static forRoot(config: AppConfig = loadAppConfig(process.env)): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
