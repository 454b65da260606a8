// `npm test` runs every project's suite in one jest process, so there is one summary line.
const fs = require('node:fs');
const path = require('node:path');

const projects = [];
for (const dir of ['packages', 'tools']) {
  for (const name of fs.readdirSync(path.join(__dirname, dir)).sort()) {
    if (fs.existsSync(path.join(__dirname, dir, name, 'jest.config.js'))) projects.push(`<rootDir>/${dir}/${name}`);
  }
}

module.exports = { projects, maxWorkers: 2 };
