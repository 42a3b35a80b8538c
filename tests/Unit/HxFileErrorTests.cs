using System;
using System.IO;
using HxLiteLLM.Tests.InventoryPhase;
using Xunit;

namespace HxLiteLLM.Tests
{
    /// <summary>A path the file system refused is an error naming it, with one ErrorId and kind per failure, whatever the command.</summary>
    public sealed class HxFileErrorTests
    {
        [Fact]
        public void AFolderWhereAFileBelongsIsPathIsFolderWhateverTheCommandCallsIt()
        {
            using var t = new TempTree();
            var folder = t.Folder("vault.yml");
            var refused = Record.Exception(() => File.ReadAllBytes(folder));
            Assert.True(HxFileError.IsFileSystemError(refused));

            var error = HxFileError.From("VaultFileIO", folder, refused, writing: false);

            Assert.Equal(("PathIsFolder", HxErrorKind.InvalidArgument, folder), (error.ErrorId, error.ErrorKind, error.File));
            Assert.Contains("is a folder", error.Message);
        }

        [Fact]
        public void OtherwiseTheCommandsErrorIdWithTheKindOfWhatHappened()
        {
            using var t = new TempTree();
            var missing = t.PathOf("gone/report.xml");

            var notFound = HxFileError.From("JUnitReportWriteFailed", missing, new DirectoryNotFoundException("no folder"), writing: true);
            var denied = HxFileError.From("JUnitReportWriteFailed", missing, new UnauthorizedAccessException("denied"), writing: true);
            var failedWrite = HxFileError.From("JUnitReportWriteFailed", missing, new IOException("disk full"), writing: true);
            var failedRead = HxFileError.From("CaCertificateUnreadable", missing, new IOException("I/O error"), writing: false);

            Assert.Equal(("JUnitReportWriteFailed", HxErrorKind.NotFound), (notFound.ErrorId, notFound.ErrorKind));
            Assert.Equal(HxErrorKind.PermissionDenied, denied.ErrorKind);
            Assert.Equal(HxErrorKind.WriteError, failedWrite.ErrorKind);
            Assert.Equal(("CaCertificateUnreadable", HxErrorKind.ReadError, missing), (failedRead.ErrorId, failedRead.ErrorKind, failedRead.File));
            Assert.StartsWith(missing + ": ", failedRead.Message);
        }

        [Fact]
        public void AFileWhereAFolderBelongsIsPathIsFile()
        {
            using var t = new TempTree();
            var file = t.Write("site.yml", "- hosts: all\n");
            var error = HxFileError.IsFile(file);
            Assert.Equal(("PathIsFile", HxErrorKind.InvalidArgument, file), (error.ErrorId, error.ErrorKind, error.File));
        }
    }
}
