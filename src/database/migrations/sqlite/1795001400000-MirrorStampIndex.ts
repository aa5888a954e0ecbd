import type { MigrationInterface, QueryRunner } from "typeorm";

export class MirrorStampIndex1795001400000 implements MigrationInterface {
    name = 'MirrorStampIndex1795001400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_bank_transaction_account_stamp" ON "bank_transaction" ("bankAccountId", "bridgeAccountId", "bridgeUpdatedAt")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_bank_transaction_account_stamp"`);
    }

}
