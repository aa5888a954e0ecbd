import type { MigrationInterface, QueryRunner } from "typeorm";

export class LineStale1795000400000 implements MigrationInterface {
    name = 'LineStale1795000400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // ADD COLUMN instead of rebuilding the table: statement_line references it with ON DELETE RESTRICT.
        await queryRunner.query(`ALTER TABLE "bank_transaction" ADD COLUMN "lineStale" boolean NOT NULL DEFAULT (0)`);
        await queryRunner.query(`CREATE INDEX "IDX_bank_transaction_line_stale" ON "bank_transaction" ("bankAccountId", "lineStale") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_bank_transaction_line_stale"`);
        await queryRunner.query(`ALTER TABLE "bank_transaction" DROP COLUMN "lineStale"`);
    }

}
