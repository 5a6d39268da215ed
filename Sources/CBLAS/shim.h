#include <cblas.h>
// OpenBLAS's thread control; Earshot runs BLAS single-threaded and parallelises itself.
void openblas_set_num_threads(int num_threads);
