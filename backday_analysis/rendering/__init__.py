"""Turn notebooks into reports: papermill runs, warm kernels, nbconvert HTML, PDF, batches."""
