// The CSV reader: any bytes give a table or one located diagnostic; a table's rows all have
// the header's width and become a lookup table.
import FuzzSupport
import RecipeData

private let limits = LookupTableLimits(maxRows: 200, maxColumns: 16, maxCellBytes: 256, maxFileBytes: 64 * 1024)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    switch CSVReader.read(bytes, path: "fuzz.csv", limits: limits) {
    case .success(let document):
        require(!document.header.isEmpty && document.header.count <= limits.maxColumns, "header width \(document.header.count)")
        require(document.headerLocations.count == document.header.count, "a header location per column")
        require(document.records.count <= limits.maxRows, "more rows than the limit")
        for record in document.records {
            require(record.fields.count == document.header.count, "row \(record.row) has another width than the header")
            require(record.fields.allSatisfy { $0.utf8.count <= limits.maxCellBytes }, "a cell over the limit")
        }
        let table = LookupTable(document: document, name: "fuzz", path: "fuzz.csv")
        if let first = table.rows.first, let column = document.header.first, let value = first[column]?.stringValue {
            require(table.firstRow(matching: [(column, value)]) != nil, "the first row does not match itself")
        }
    case .failure(let diagnostic):
        _ = diagnostic.description
    }
    return 0
}
