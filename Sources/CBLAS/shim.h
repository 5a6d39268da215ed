#include <cblas.h>
// OpenBLAS's thread control; Earshot runs BLAS single-threaded and parallelises itself.
void openblas_set_num_threads(int num_threads);
#if defined(__linux__)
// glibc's mallopt: EarshotNN keeps freed activation buffers in the heap (see ProcessTuning.swift).
#include <malloc.h>
#endif
