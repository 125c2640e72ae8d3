-- API 会话参数：API 查询都很短，JIT 编译的开销大于收益。
-- The bench measured the city overview under RLS crossing jit_above_cost and compiling on every call
-- (3.85× service role with JIT, 1.32× without). PostgREST logs in as `authenticator`, so its
-- sessions take this setting; the local stack sets the same on its connections.
alter role authenticator set jit = off;
