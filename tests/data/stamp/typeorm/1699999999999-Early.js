// Two migrations in one file; the second has no name property: its class name is recorded.
class Early1699999999999 {
  async up() {}
}
class Earlier1699999999990 {
  async up() {}
}
module.exports = { Early1699999999999, Earlier1699999999990 };
