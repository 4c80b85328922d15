// sgemm over Float32Array views: the trainer passes the WASM backend's heap and the tensors' offsets
// in it, so products read their operands and write their result in place (no copies per call).
// One BLAS thread: the trainer already runs one gradient thread per core.

#include <stdint.h>
#include <cblas.h>
#include <node_api.h>

#define CHECK(call) do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "meld_blas: N-API call failed: " #call); return NULL; } } while (0)

static napi_value fail(napi_env env, const char* msg) {
  napi_throw_range_error(env, NULL, msg);
  return NULL;
}

// sgemm(heap, batch, m, n, k, transA, transB, aOffset, aBatchStride, bOffset, bBatchStride, cOffset)
// C[i] = op(A[i]) . op(B[i]) for i < batch, row-major; offsets and strides count floats (a stride
// of 0 broadcasts one matrix over the batch). C[i] is [m, n] at cOffset + i*m*n.
static napi_value sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 12) return fail(env, "meld_blas.sgemm: expected 12 arguments");

  napi_typedarray_type type;
  size_t length;
  void* data;
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL));
  if (type != napi_float32_array) return fail(env, "meld_blas.sgemm: heap must be a Float32Array");

  int64_t v[11];
  for (int i = 0; i < 11; i++) CHECK(napi_get_value_int64(env, argv[i + 1], &v[i]));
  const int64_t batch = v[0], m = v[1], n = v[2], k = v[3];
  const int transA = v[4] != 0, transB = v[5] != 0;
  const int64_t aOff = v[6], aStride = v[7], bOff = v[8], bStride = v[9], cOff = v[10];

  // Bounds: a bad offset would scribble over the backend's heap, so check before touching memory.
  if (batch < 0 || m < 0 || n < 0 || k < 0 || aOff < 0 || bOff < 0 || cOff < 0 || aStride < 0 || bStride < 0)
    return fail(env, "meld_blas.sgemm: negative size or offset");
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX) return fail(env, "meld_blas.sgemm: dimension too large for BLAS");
  const int64_t len = (int64_t)length;
  const int64_t lastA = batch > 0 ? aOff + (batch - 1) * aStride + m * k : 0;
  const int64_t lastB = batch > 0 ? bOff + (batch - 1) * bStride + k * n : 0;
  const int64_t lastC = cOff + batch * m * n;
  if (lastA > len || lastB > len || lastC > len) return fail(env, "meld_blas.sgemm: operand outside the heap");

  float* heap = (float*)data;
  const int lda = transA ? (int)m : (int)k;
  const int ldb = transB ? (int)k : (int)n;
  for (int64_t i = 0; i < batch; i++) {
    float* c = heap + cOff + i * m * n;
    if (m == 0 || n == 0) continue;
    if (k == 0) { // BLAS leaves C alone for k = 0 only when beta = 1; say what we mean.
      for (int64_t j = 0; j < m * n; j++) c[j] = 0.0f;
      continue;
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                (int)m, (int)n, (int)k, 1.0f, heap + aOff + i * aStride, lda, heap + bOff + i * bStride, ldb,
                0.0f, c, (int)n);
  }
  return NULL;
}

// Which kernel set OpenBLAS picked (e.g. "Haswell"): the trainer prints it once.
static napi_value corename(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value s;
  CHECK(napi_create_string_utf8(env, openblas_get_corename(), NAPI_AUTO_LENGTH, &s));
  return s;
}

NAPI_MODULE_INIT() {
  openblas_set_num_threads(1);
  napi_value fn;
  CHECK(napi_create_function(env, "sgemm", NAPI_AUTO_LENGTH, sgemm, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "sgemm", fn));
  CHECK(napi_create_function(env, "corename", NAPI_AUTO_LENGTH, corename, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "corename", fn));
  return exports;
}
