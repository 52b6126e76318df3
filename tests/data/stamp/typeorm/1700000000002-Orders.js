module.exports = class OrdersMigration1700000000002 {
  name = 'CreateOrders1700000000002';
  async up(queryRunner) {
    await queryRunner.query("UPDATE users SET name = 'name'");
  }
};
