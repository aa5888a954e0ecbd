import type { MigrationInterface, QueryRunner } from "typeorm";

export class ApiLogRowCount1795001300000 implements MigrationInterface {
    name = 'ApiLogRowCount1795001300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "api_log" ADD COLUMN "rowCount" integer`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "api_log" DROP COLUMN "rowCount"`);
    }

}
