// Placeholder so the target builds; the code lands with issue 3.
