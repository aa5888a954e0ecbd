import type { MigrationInterface, QueryRunner } from "typeorm";

export class StatementOpeningFromBank1795001200000 implements MigrationInterface {
    name = 'StatementOpeningFromBank1795001200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // ADD COLUMN instead of rebuilding: bank_statement is referenced by other tables (see 1795000400000-LineStale).
        await queryRunner.query(`ALTER TABLE "bank_statement" ADD COLUMN "openingFromBank" boolean NOT NULL DEFAULT (0)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bank_statement" DROP COLUMN "openingFromBank"`);
    }

}
