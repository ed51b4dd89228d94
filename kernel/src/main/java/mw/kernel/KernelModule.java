package mw.kernel;

/** Placeholder so the module builds; the kernel lives here. */
final class KernelModule {
    private KernelModule() {
    }
}
