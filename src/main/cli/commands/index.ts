// Each command module registers itself with registerCommand() when imported.
export {}
import './perf'
import './load'
import './audit'
import './report'
import './spf'
