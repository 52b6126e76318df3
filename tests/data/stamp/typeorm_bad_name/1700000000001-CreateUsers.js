module.exports = class CreateUsers {
  async up() {}
};
