import type { MigrationInterface, QueryRunner } from "typeorm";

export class AdminAccounts1795000200000 implements MigrationInterface {
    name = 'AdminAccounts1795000200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`admin_account\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`name\` varchar(200) NOT NULL, \`passwordHash\` varchar(200) NOT NULL, \`userId\` int NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`failedAttempts\` int NOT NULL DEFAULT '0', \`lockedUntil\` datetime(3) NULL, \`lastLoginAt\` datetime(3) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`UQ_admin_account_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`admin_session\` (\`sid\` varchar(128) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`data\` text NOT NULL, INDEX \`IDX_admin_session_expires\` (\`expiresAt\`), PRIMARY KEY (\`sid\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`admin_account\` ADD CONSTRAINT \`FK_f863dfb8d86c2d08b6b4ff9012b\` FOREIGN KEY (\`userId\`) REFERENCES \`user\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`admin_account\` DROP FOREIGN KEY \`FK_f863dfb8d86c2d08b6b4ff9012b\``);
        await queryRunner.query(`DROP INDEX \`IDX_admin_session_expires\` ON \`admin_session\``);
        await queryRunner.query(`DROP TABLE \`admin_session\``);
        await queryRunner.query(`DROP INDEX \`UQ_admin_account_email\` ON \`admin_account\``);
        await queryRunner.query(`DROP TABLE \`admin_account\``);
    }

}
