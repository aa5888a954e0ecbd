import type { MigrationInterface, QueryRunner } from "typeorm";

export class StatementTotals1795001600000 implements MigrationInterface {
    name = 'StatementTotals1795001600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // ADD COLUMN instead of rebuilding the table: statement_line references it.
        await queryRunner.query(`ALTER TABLE "bank_statement" ADD COLUMN "lineCount" integer NOT NULL DEFAULT (0)`);
        await queryRunner.query(`ALTER TABLE "bank_statement" ADD COLUMN "reversedLineCount" integer NOT NULL DEFAULT (0)`);
        await queryRunner.query(`ALTER TABLE "bank_statement" ADD COLUMN "lineTotalCents" bigint NOT NULL DEFAULT (0)`);
        // Amounts are summed in integer cents: SQLite keeps a decimal as a REAL.
        await queryRunner.query(`UPDATE "bank_statement" SET "lineCount" = (SELECT COUNT(*) FROM "statement_line" WHERE "statement_line"."statementId" = "bank_statement"."id" AND "statement_line"."bankDeleted" = 0), "reversedLineCount" = (SELECT COUNT(*) FROM "statement_line" WHERE "statement_line"."statementId" = "bank_statement"."id" AND "statement_line"."bankDeleted" = 1), "lineTotalCents" = COALESCE((SELECT SUM(CAST(ROUND("statement_line"."amount" * 100) AS INTEGER)) FROM "statement_line" WHERE "statement_line"."statementId" = "bank_statement"."id" AND "statement_line"."bankDeleted" = 0), 0)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bank_statement" DROP COLUMN "lineTotalCents"`);
        await queryRunner.query(`ALTER TABLE "bank_statement" DROP COLUMN "reversedLineCount"`);
        await queryRunner.query(`ALTER TABLE "bank_statement" DROP COLUMN "lineCount"`);
    }

}
