dofile(os.getenv("BENCH_DIR") .. "/summary.lua")
