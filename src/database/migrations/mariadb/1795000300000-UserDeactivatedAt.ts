import type { MigrationInterface, QueryRunner } from "typeorm";

export class UserDeactivatedAt1795000300000 implements MigrationInterface {
    name = 'UserDeactivatedAt1795000300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`user\` ADD \`deactivatedAt\` datetime(3) NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`deactivatedAt\``);
    }

}
