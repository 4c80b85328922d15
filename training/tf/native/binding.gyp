# The native matrix-product addon (N-API, so one build serves every Node version with N-API 8+).
# Built by scripts/setup.sh against Node's local headers (--nodedir), linked to Debian's OpenBLAS.
{
  "targets": [
    {
      "target_name": "meld_blas",
      "sources": ["sgemm.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "libraries": ["-lopenblas"]
    }
  ]
}
