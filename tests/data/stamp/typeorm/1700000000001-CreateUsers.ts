import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateUsers1700000000001 implements MigrationInterface {
  name = "CreateUsers1700000000001";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE settings SET name = 'x'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
