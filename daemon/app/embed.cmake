# Writes ${OUT}: a C++ file defining osiedle::app::kOpenApiJson with the text of ${IN}.
file(READ ${IN} content)
file(WRITE ${OUT} "namespace osiedle::app {\nextern const char kOpenApiJson[];\nconst char kOpenApiJson[] = R\"OPENAPI(${content})OPENAPI\";\n}\n")
