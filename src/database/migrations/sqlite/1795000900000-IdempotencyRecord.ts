import type { MigrationInterface, QueryRunner } from "typeorm";

export class IdempotencyRecord1795000900000 implements MigrationInterface {
    name = 'IdempotencyRecord1795000900000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "idempotency_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "apiKeyId" integer NOT NULL, "key" varchar(255) NOT NULL, "requestHash" varchar(64) NOT NULL, "status" integer, "response" text, "createdAt" datetime(3) NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_idempotency_record_key" ON "idempotency_record" ("apiKeyId", "key") `);
        await queryRunner.query(`CREATE INDEX "IDX_idempotency_record_created" ON "idempotency_record" ("createdAt") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_idempotency_record_created"`);
        await queryRunner.query(`DROP INDEX "UQ_idempotency_record_key"`);
        await queryRunner.query(`DROP TABLE "idempotency_record"`);
    }

}
