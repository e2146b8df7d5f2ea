using System.Runtime.InteropServices;

namespace Science.Numerics.Fft;

/// <summary>
/// Lazily bound entry points of the double-precision FFTW 3 library (libfftw3.so.3, Debian package
/// libfftw3-double3), resolved with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/> so that nothing fails
/// to build, load or run where the library is absent: <see cref="Available"/> is then simply false.
/// </summary>
internal static unsafe class FftwNative
{
    /// <summary>FFTW_MEASURE: time candidate plans (slow planning, not reproducible across processes).</summary>
    public const uint Measure = 0;

    /// <summary>FFTW_ESTIMATE: pick a plan by heuristics only (fast, deterministic).</summary>
    public const uint Estimate = 1U << 6;

    /// <summary>The guru I/O dimension (fftw_iodim).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoDim
    {
        /// <summary>Length.</summary>
        public int N;

        /// <summary>Input stride (elements).</summary>
        public int Is;

        /// <summary>Output stride (elements).</summary>
        public int Os;
    }

    /// <summary>Library names tried, in order.</summary>
    internal static readonly string[] LibraryNames =
        ["libfftw3.so.3", "libfftw3", "libfftw3.3.dylib", "libfftw3-3", "fftw3"];

    /// <summary>The planner is not thread-safe: every plan creation and destruction holds this lock.</summary>
    public static readonly Lock PlannerLock = new();

    /// <summary>Whether the library and every entry point below were found.</summary>
    public static readonly bool Available;

    /// <summary>Name under which the library was loaded, or null.</summary>
    public static readonly string? LoadedName;

    /// <summary>void* fftw_malloc(size_t).</summary>
    public static readonly delegate* unmanaged<nuint, void*> Malloc;

    /// <summary>void fftw_free(void*).</summary>
    public static readonly delegate* unmanaged<void*, void> Free;

    /// <summary>fftw_plan fftw_plan_guru_split_dft_r2c(rank, dims, howmany_rank, howmany_dims, in, ro, io, flags).</summary>
    public static readonly delegate* unmanaged<int, IoDim*, int, IoDim*, double*, double*, double*, uint, nint>
        PlanGuruSplitR2C;

    /// <summary>fftw_plan fftw_plan_guru_split_dft_c2r(rank, dims, howmany_rank, howmany_dims, ri, ii, out, flags).</summary>
    public static readonly delegate* unmanaged<int, IoDim*, int, IoDim*, double*, double*, double*, uint, nint>
        PlanGuruSplitC2R;

    /// <summary>void fftw_execute(const fftw_plan).</summary>
    public static readonly delegate* unmanaged<nint, void> Execute;

    /// <summary>void fftw_destroy_plan(fftw_plan).</summary>
    public static readonly delegate* unmanaged<nint, void> DestroyPlan;

    static FftwNative()
    {
        foreach (string name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, typeof(FftwNative).Assembly, null, out nint h))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(h, "fftw_malloc", out nint malloc)
                && NativeLibrary.TryGetExport(h, "fftw_free", out nint free)
                && NativeLibrary.TryGetExport(h, "fftw_plan_guru_split_dft_r2c", out nint r2c)
                && NativeLibrary.TryGetExport(h, "fftw_plan_guru_split_dft_c2r", out nint c2r)
                && NativeLibrary.TryGetExport(h, "fftw_execute", out nint exec)
                && NativeLibrary.TryGetExport(h, "fftw_destroy_plan", out nint destroy))
            {
                Malloc = (delegate* unmanaged<nuint, void*>)malloc;
                Free = (delegate* unmanaged<void*, void>)free;
                PlanGuruSplitR2C =
                    (delegate* unmanaged<int, IoDim*, int, IoDim*, double*, double*, double*, uint, nint>)r2c;
                PlanGuruSplitC2R =
                    (delegate* unmanaged<int, IoDim*, int, IoDim*, double*, double*, double*, uint, nint>)c2r;
                Execute = (delegate* unmanaged<nint, void>)exec;
                DestroyPlan = (delegate* unmanaged<nint, void>)destroy;
                LoadedName = name;
                Available = true;
                return;
            }

            NativeLibrary.Free(h);
        }
    }
}
