// Tests of the repository's own tooling (docker-compose.yml, Dockerfile), which belongs to
// no Nx project.
module.exports = {
  displayName: 'tools',
  preset: '../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
