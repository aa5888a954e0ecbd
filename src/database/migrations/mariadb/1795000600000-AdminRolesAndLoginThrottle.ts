import type { MigrationInterface, QueryRunner } from "typeorm";

export class AdminRolesAndLoginThrottle1795000600000 implements MigrationInterface {
    name = 'AdminRolesAndLoginThrottle1795000600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`admin_login_throttle\` (\`subject\` varchar(120) NOT NULL, \`failures\` int NOT NULL DEFAULT '0', \`windowStart\` datetime(3) NOT NULL, \`blockedUntil\` datetime(3) NULL, PRIMARY KEY (\`subject\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`admin_account_company\` (\`adminAccountId\` int NOT NULL, \`companyId\` int NOT NULL, INDEX \`IDX_408cdb8cb8336e18a0eaf6aaa8\` (\`adminAccountId\`), INDEX \`IDX_9132cd492dc8107d182a1a0523\` (\`companyId\`), PRIMARY KEY (\`adminAccountId\`, \`companyId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`admin_account\` DROP COLUMN \`failedAttempts\``);
        await queryRunner.query(`ALTER TABLE \`admin_account\` DROP COLUMN \`lockedUntil\``);
        await queryRunner.query(`ALTER TABLE \`admin_account\` ADD \`role\` varchar(20) NOT NULL DEFAULT 'integrator'`);
        // Accounts made before roles existed saw every company: they stay editors. New ones default to integrator.
        await queryRunner.query(`UPDATE \`admin_account\` SET \`role\` = 'editor'`);
        await queryRunner.query(`ALTER TABLE \`admin_account_company\` ADD CONSTRAINT \`FK_408cdb8cb8336e18a0eaf6aaa87\` FOREIGN KEY (\`adminAccountId\`) REFERENCES \`admin_account\`(\`id\`) ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE \`admin_account_company\` ADD CONSTRAINT \`FK_9132cd492dc8107d182a1a05233\` FOREIGN KEY (\`companyId\`) REFERENCES \`company\`(\`id\`) ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`admin_account_company\` DROP FOREIGN KEY \`FK_9132cd492dc8107d182a1a05233\``);
        await queryRunner.query(`ALTER TABLE \`admin_account_company\` DROP FOREIGN KEY \`FK_408cdb8cb8336e18a0eaf6aaa87\``);
        await queryRunner.query(`ALTER TABLE \`admin_account\` DROP COLUMN \`role\``);
        await queryRunner.query(`ALTER TABLE \`admin_account\` ADD \`lockedUntil\` datetime(3) NULL`);
        await queryRunner.query(`ALTER TABLE \`admin_account\` ADD \`failedAttempts\` int NOT NULL DEFAULT 0`);
        await queryRunner.query(`DROP INDEX \`IDX_9132cd492dc8107d182a1a0523\` ON \`admin_account_company\``);
        await queryRunner.query(`DROP INDEX \`IDX_408cdb8cb8336e18a0eaf6aaa8\` ON \`admin_account_company\``);
        await queryRunner.query(`DROP TABLE \`admin_account_company\``);
        await queryRunner.query(`DROP TABLE \`admin_login_throttle\``);
    }

}
