// Runs dynalite for one JVM and dies with it: when the JVM's end of stdin closes (even if it was killed), exit.
const path = require('path')
const dynalite = require(path.join(process.argv[2], 'node_modules', 'dynalite'))
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
server.listen(0, '127.0.0.1', () => console.log('READY ' + server.address().port))
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
