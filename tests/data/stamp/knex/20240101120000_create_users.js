exports.up = () => {};
