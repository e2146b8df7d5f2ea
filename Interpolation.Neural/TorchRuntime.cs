using System.Runtime.InteropServices;
using TorchSharp;

namespace Science.Interpolation.Neural;

/// <summary>
/// Loads TorchSharp (CPU libtorch 2.10) once, sets its thread count and explains load failures.
/// </summary>
/// <remarks>
/// <para>
/// TorchSharp 0.107.0's <c>libLibTorchSharp.so</c> needs <c>GLIBCXX_3.4.32</c>, which Debian 12's libstdc++ lacks; the
/// build step in <c>build/TorchSharp.Native.targets</c> ships a copy whose need is marked weak. When loading still fails,
/// <see cref="EnsureLoaded"/> reports the actual cause instead of TorchSharp's "doesn't contain a reference to
/// libtorch-cpu-linux-x64".
/// </para>
/// <para>
/// One intra-op thread is the default everywhere in this folder: on these 2-core machines it was twice as fast as two,
/// and results are bitwise repeatable for a fixed seed and thread count.
/// </para>
/// </remarks>
public static class TorchRuntime
{
    private static readonly object LoadLock = new();
    private static bool _loaded;

    /// <summary>Serialises the use of libtorch's global generator (network construction and seeding).</summary>
    internal static object RngLock { get; } = new();

    /// <summary>Loads libtorch (first call) and sets the number of intra-op threads.</summary>
    /// <param name="threads">Intra-op threads, ≥ 1; 1 by default.</param>
    /// <exception cref="InvalidOperationException">libtorch cannot be loaded; the message says why.</exception>
    public static void EnsureLoaded(int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (LoadLock)
        {
            if (!_loaded)
            {
                try
                {
                    using var probe = torch.zeros(1);
                }
                catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException
                                              or EntryPointNotFoundException or BadImageFormatException)
                {
                    throw new InvalidOperationException(Diagnose(e), e);
                }
                _loaded = true;
            }
            if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
        }
    }

    /// <summary>Whether libtorch loads here; <paramref name="reason"/> says why not.</summary>
    public static bool IsAvailable(out string? reason)
    {
        try
        {
            lock (LoadLock)
            {
                if (!_loaded)
                {
                    using var probe = torch.zeros(1);
                    _loaded = true;
                }
            }
            reason = null;
            return true;
        }
        catch (Exception e)
        {
            reason = Diagnose(e);
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private static bool _trimUnavailable;

    /// <summary>
    /// glibc only: returns free native heap memory to the system (<c>malloc_trim(0)</c>). libtorch allocates and frees
    /// multi-megabyte activations every training step, and glibc's allocator kept the freed memory: the resident size of
    /// a training loop grew by ~20 MB per step (H 128, 13 824 points; 4.3 GB after 200 steps) until the kernel's OOM
    /// killer stopped a σ sweep at 24 GB. Trimming every few steps keeps it flat (~0.2 GB) at no measurable cost per
    /// step. (<c>MALLOC_ARENA_MAX=1</c> in the environment also cures it, but only when set before the process starts.)
    /// </summary>
    internal static void TrimNativeHeap()
    {
        if (_trimUnavailable || !OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _trimUnavailable = true; // not glibc (e.g. musl)
        }
    }

    /// <summary>Paths where the application's copy of libLibTorchSharp.so may be.</summary>
    internal static IEnumerable<string> LibTorchSharpCandidates()
    {
        string baseDir = AppContext.BaseDirectory;
        yield return Path.Combine(baseDir, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        yield return Path.Combine(baseDir, "libLibTorchSharp.so");
    }

    private static string Diagnose(Exception e)
    {
        var why = new System.Text.StringBuilder("TorchSharp/libtorch could not be loaded");
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            why.Append(": this build references only the linux-x64 CPU libtorch (libtorch-cpu-linux-x64)");
        }
        else
        {
            string? lib = LibTorchSharpCandidates().FirstOrDefault(File.Exists);
            if (lib == null)
                why.Append($": libLibTorchSharp.so is missing from {AppContext.BaseDirectory} (runtimes/linux-x64/native/); "
                           + "it is produced by build/TorchSharp.Native.targets, imported by Interpolation.csproj");
            else
            {
                try
                {
                    var strict = ElfVersionNeeds.Read(File.ReadAllBytes(lib))
                        .Where(n => !n.IsWeak && n.Version == "GLIBCXX_3.4.32").ToList();
                    if (strict.Count > 0)
                        why.Append($": {lib} still needs GLIBCXX_3.4.32, which this system's libstdc++ may lack; the build step "
                                   + "build/TorchSharp.Native.targets (target SciencePatchLibTorchSharp) should have marked it weak");
                }
                catch (Exception readError)
                {
                    why.Append($" ({lib} is unreadable as ELF64: {readError.Message})");
                }
            }
        }
        why.Append(". Underlying error: ").Append(e.GetBaseException().Message.Split('\n')[0]);
        return why.ToString();
    }
}
