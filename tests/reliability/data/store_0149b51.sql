PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL);
INSERT INTO _migrations VALUES('m001_runs_steps_artifacts',1796201877.0);
INSERT INTO _migrations VALUES('m002_eval_results',1796201877.0);
INSERT INTO _migrations VALUES('m003_audit',1796201877.0);
CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            model TEXT NOT NULL,
            task_text TEXT NOT NULL,
            created_at REAL NOT NULL,
            finished_at REAL,
            steps INTEGER NOT NULL DEFAULT 0,
            tokens INTEGER NOT NULL DEFAULT 0,
            body TEXT NOT NULL
        );
INSERT INTO runs VALUES('20261202-085757-e5fc09','succeeded','scripted:t.json','write a',1796201877.8066027163,1796201878.3344109057,2,0,'{"id":"20261202-085757-e5fc09","task":{"text":"write a","workspace":"wsold","source":null,"files":{},"setup":[],"environment":"shell","model":"scripted:t.json","budget":{"max_steps":30,"max_seconds":600.0,"max_tokens":null,"max_cost_usd":null,"max_format_errors":3},"tags":[],"network":"none"},"model":"scripted:t.json","status":"succeeded","answer":"done","error":null,"workspace":"/tmp/rel25/att/wsold","usage":{"prompt_tokens":0,"completion_tokens":0},"cost_usd":0.0,"steps":2,"created_at":1796201877.8066027,"finished_at":1796201878.334411,"meta":{"isolation":"bwrap","sandbox":{"isolation":"bwrap","network":"none","allow_hosts":[],"limits":{"memory_mb":2048,"pids":512,"cpu_seconds":900,"file_size_mb":1024,"disk_mb":2048,"open_files":4096},"limits_applied":{"cpu":"rlimit 900","file_size":"rlimit 1073741824","open_files":"rlimit 4096","core":"rlimit 0","memory":"cgroup v1 memory.limit_in_bytes=2048 MiB","pids":"cgroup v1 pids.max=512","disk":"tmpfs layer size=2048 MiB"},"limits_problems":[],"cow":"overlay","cow_problem":"","state_dir":"/tmp/rel25/att/homeold/sandboxes/20261202-085757-e5fc09","lower":"/tmp/rel25/att/wsold","workspace":"/tmp/rel25/att/homeold/sandboxes/20261202-085757-e5fc09/merged","commit_on_close":true,"started_at":1796201878.1408467,"changes":{"added":1,"modified":0,"deleted":0},"committed_files":1}}}');
CREATE TABLE steps (
            run_id TEXT NOT NULL REFERENCES runs(id),
            idx INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (run_id, idx)
        );
INSERT INTO steps VALUES('20261202-085757-e5fc09',1,'{"index":1,"thought":"","action":{"kind":"bash","command":"echo hi > a.txt","timeout":60.0},"raw":null,"verdict":{"decision":"allow","reason":"","check":"guard","fatal":false,"approved_by":null},"observation":{"output":"(no output)","exit_code":0,"error":false,"truncated":false,"untrusted":false,"images":[],"meta":{"cwd":"/tmp/rel25/att/homeold/sandboxes/20261202-085757-e5fc09/merged","timed_out":false}},"usage":{"prompt_tokens":0,"completion_tokens":0},"model_ms":0.1648050019866787,"guard_ms":10.103207001520786,"env_ms":11.241036001592875,"started_at":1796201878.177561}');
INSERT INTO steps VALUES('20261202-085757-e5fc09',2,'{"index":2,"thought":"","action":{"kind":"finish","answer":"done"},"raw":null,"verdict":{"decision":"allow","reason":"","check":"guard","fatal":false,"approved_by":null},"observation":{"output":"finished","exit_code":null,"error":false,"truncated":false,"untrusted":false,"images":[],"meta":{}},"usage":{"prompt_tokens":0,"completion_tokens":0},"model_ms":0.09151699487119913,"guard_ms":0.01442099892301485,"env_ms":0.0,"started_at":1796201878.3335187}');
CREATE TABLE artifacts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL REFERENCES runs(id),
            step INTEGER,
            name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            path TEXT,
            data BLOB,
            created_at REAL NOT NULL
        );
CREATE TABLE evals (
            id TEXT PRIMARY KEY,
            suite TEXT NOT NULL,
            model TEXT NOT NULL,
            created_at REAL NOT NULL,
            finished_at REAL,
            body TEXT NOT NULL
        );
CREATE TABLE eval_results (
            eval_id TEXT NOT NULL REFERENCES evals(id),
            key TEXT NOT NULL,
            task_id TEXT NOT NULL,
            run_id TEXT,
            passed INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (eval_id, key)
        );
CREATE TABLE audit (
            run_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            created_at REAL NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)
        );
CREATE TABLE audit_heads (
            run_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
DELETE FROM sqlite_sequence;
CREATE INDEX runs_created ON runs(created_at);
CREATE INDEX artifacts_run ON artifacts(run_id, step);
COMMIT;
