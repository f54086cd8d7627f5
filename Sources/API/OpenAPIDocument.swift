// Written by scripts/embed-openapi.sh from docs/openapi.json: edit that file and run the script.

/// The OpenAPI 3.1 document of every route, served at `GET /openapi.json`.
enum OpenAPIDocument {
    /// docs/openapi.json, byte for byte.
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "invoiced",
    "version": "1",
    "description": "The HTTP API of invoiced, served on its Unix socket and on its TCP listener (loopback by default). Errors are JSON `{\"error\": \"...\"}`. The 401, 403 (cross-site) and 421 answers come from the TCP listener's guards only."
  },
  "servers": [
    {
      "url": "http://127.0.0.1:8000",
      "description": "The default TCP listener (`http`)."
    }
  ],
  "security": [
    {},
    {
      "bearerToken": []
    },
    {
      "sessionCookie": []
    }
  ],
  "paths": {
    "/healthz": {
      "get": {
        "operationId": "health",
        "summary": "Whether the daemon works: inbox watched, workers up, database readable.",
        "description": "Needs no token.",
        "security": [
          {}
        ],
        "responses": {
          "200": {
            "description": "Healthy.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          },
          "503": {
            "description": "Unhealthy; `problems` says what is wrong.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        }
      }
    },
    "/api/stats": {
      "get": {
        "operationId": "stats",
        "summary": "Jobs per status, invoices and those that need review, the queue's age, throughput and workers.",
        "responses": {
          "200": {
            "description": "The figures.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Stats"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/api/ocr/jobs": {
      "get": {
        "operationId": "listJobs",
        "summary": "Jobs, newest first.",
        "parameters": [
          {
            "name": "status",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/JobStatus"
            }
          },
          {
            "name": "uploader",
            "in": "query",
            "required": false,
            "description": "Inbox sub-folder.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Items per page (default 50).",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 50
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "The `next_cursor` of the previous page; a value this API did not give out is a 400.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of jobs.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/api/ocr/job/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "description": "The job's id (a lower-case UUID; matched case-insensitively).",
          "schema": {
            "type": "string"
          }
        }
      ],
      "get": {
        "operationId": "getJob",
        "summary": "One job.",
        "responses": {
          "200": {
            "description": "The job.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      },
      "delete": {
        "operationId": "deleteFailedJob",
        "summary": "Removes a failed job and its file in `failed/`.",
        "responses": {
          "204": {
            "description": "Removed."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/CrossSite"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "description": "The job is not failed, or its file is not in `failed/`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/api/ocr/job/{id}/retry": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "description": "The job's id (a lower-case UUID; matched case-insensitively).",
          "schema": {
            "type": "string"
          }
        }
      ],
      "post": {
        "operationId": "retryJob",
        "summary": "Queues a failed job again, its file back from `failed/`.",
        "responses": {
          "202": {
            "description": "Queued again.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/CrossSite"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "description": "The job is not failed, or its file is not in `failed/`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/api/ocr/job/{id}/history": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "description": "The job's id (a lower-case UUID; matched case-insensitively).",
          "schema": {
            "type": "string"
          }
        }
      ],
      "get": {
        "operationId": "jobHistory",
        "summary": "When the job arrived and every change of its status since: claims, retries and why, the end.",
        "responses": {
          "200": {
            "description": "The history, oldest first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobHistory"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/upload-image": {
      "post": {
        "operationId": "uploadImage",
        "summary": "Records an uploaded file exactly like one dropped in the inbox.",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "type": "object",
                "required": [
                  "image"
                ],
                "properties": {
                  "image": {
                    "type": "string",
                    "contentMediaType": "application/octet-stream",
                    "minLength": 1,
                    "description": "The file (image, PDF, TIFF or XML invoice); its name is kept as data only."
                  },
                  "user_id": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 128,
                    "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$",
                    "description": "Who uploads (1 to 128 printable characters after trimming); on the Unix socket, the caller's login."
                  }
                }
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "Recorded: queued, or a duplicate of an earlier file.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UploadAccepted"
                }
              }
            },
            "links": {
              "GetJob": {
                "operationId": "getJob",
                "parameters": {
                  "id": "$response.body#/job_id"
                }
              },
              "RetryJob": {
                "operationId": "retryJob",
                "parameters": {
                  "id": "$response.body#/job_id"
                }
              },
              "DeleteJob": {
                "operationId": "deleteFailedJob",
                "parameters": {
                  "id": "$response.body#/job_id"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/CrossSite"
          },
          "413": {
            "description": "Over `upload_max_mb`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "Not multipart/form-data with a boundary.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          },
          "503": {
            "description": "Too many uploads are being received at once, or the daemon cannot store files now; send it again.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait before trying again.",
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/api/invoices/list": {
      "get": {
        "operationId": "listInvoices",
        "summary": "Invoices, newest recorded first; with `from`/`to`, by invoice date, latest first.",
        "parameters": [
          {
            "name": "type",
            "in": "query",
            "required": false,
            "description": "Exact invoice type (`invoice_type`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "seller",
            "in": "query",
            "required": false,
            "description": "Part of the seller's name, accents and case ignored.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "description": "Invoice date on or after (YYYY-MM-DD); orders by invoice date, latest first.",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": false,
            "description": "Invoice date on or before (YYYY-MM-DD).",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            }
          },
          {
            "name": "min_total",
            "in": "query",
            "required": false,
            "description": "Smallest `total_amount`.",
            "schema": {
              "type": "number"
            }
          },
          {
            "name": "max_total",
            "in": "query",
            "required": false,
            "description": "Largest `total_amount`.",
            "schema": {
              "type": "number"
            }
          },
          {
            "name": "needs_review",
            "in": "query",
            "required": false,
            "description": "`true`: only the invoices that need review (a failed check, or `confidence_score` under `extraction.review_below`); `false`: only the others. Any other value is a 400.",
            "schema": {
              "type": "boolean"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Items per page (default 50).",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 50
            }
          },
          {
            "name": "order",
            "in": "query",
            "required": false,
            "description": "`newest` (default): newest recorded first, or latest invoice date first with `from`/`to`; `score`: lowest `confidence_score` first (none first of all), then oldest: the review queue with `needs_review=true`.",
            "schema": {
              "type": "string",
              "enum": [
                "newest",
                "score"
              ]
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "The `next_cursor` of the previous page; a value this API did not give out is a 400.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of invoices.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InvoicePage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/api/invoices/sums": {
      "get": {
        "operationId": "sumInvoices",
        "summary": "What the list's filter selects, counted and summed per currency, exact to the cent.",
        "parameters": [
          {
            "name": "q",
            "in": "query",
            "required": false,
            "description": "Words, as `/api/search`: the sums of what the search finds among the filtered invoices.",
            "schema": {
              "type": "string",
              "maxLength": 500
            }
          },
          {
            "name": "type",
            "in": "query",
            "required": false,
            "description": "Exact invoice type (`invoice_type`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "seller",
            "in": "query",
            "required": false,
            "description": "Part of the seller's name, accents and case ignored.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "description": "Invoice date on or after (YYYY-MM-DD); orders by invoice date, latest first.",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": false,
            "description": "Invoice date on or before (YYYY-MM-DD).",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            }
          },
          {
            "name": "min_total",
            "in": "query",
            "required": false,
            "description": "Smallest `total_amount`.",
            "schema": {
              "type": "number"
            }
          },
          {
            "name": "max_total",
            "in": "query",
            "required": false,
            "description": "Largest `total_amount`.",
            "schema": {
              "type": "number"
            }
          },
          {
            "name": "needs_review",
            "in": "query",
            "required": false,
            "description": "`true`: only the invoices that need review (a failed check, or `confidence_score` under `extraction.review_below`); `false`: only the others. Any other value is a 400.",
            "schema": {
              "type": "boolean"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Counts and sums.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InvoiceSums"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/api/invoices/export.csv": {
      "get": {
        "operationId": "exportInvoices",
        "summary": "Every invoice matching the filters, as CSV (UTF-8 with a byte-order mark).",
        "parameters": [
          {
            "name": "type",
            "in": "query",
            "required": false,
            "description": "Exact invoice type (`invoice_type`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "seller",
            "in": "query",
            "required": false,
            "description": "Part of the seller's name, accents and case ignored.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "description": "Invoice date on or after (YYYY-MM-DD); orders by invoice date, latest first.",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": false,
            "description": "Invoice date on or before (YYYY-MM-DD).",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            }
          },
          {
            "name": "min_total",
            "in": "query",
            "required": false,
            "description": "Smallest `total_amount`.",
            "schema": {
              "type": "number"
            }
          },
          {
            "name": "max_total",
            "in": "query",
            "required": false,
            "description": "Largest `total_amount`.",
            "schema": {
              "type": "number"
            }
          },
          {
            "name": "needs_review",
            "in": "query",
            "required": false,
            "description": "`true`: only the invoices that need review (a failed check, or `confidence_score` under `extraction.review_below`); `false`: only the others. Any other value is a 400.",
            "schema": {
              "type": "boolean"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Items per page (default 500).",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 500
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "The `next_cursor` of the previous page; a value this API did not give out is a 400.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The CSV file.",
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/api/invoices/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "description": "The invoice's id.",
          "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 9223372036854775807
          }
        }
      ],
      "get": {
        "operationId": "getInvoice",
        "summary": "Every field, the checks, the OCR text and the job.",
        "responses": {
          "200": {
            "description": "The invoice.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InvoiceDetail"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      },
      "delete": {
        "operationId": "removeInvoice",
        "summary": "Removes an invoice, its search entry and the jobs that read it; the archived originals stay.",
        "responses": {
          "200": {
            "description": "Removed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InvoiceRemoved"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/CrossSite"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      },
      "patch": {
        "operationId": "correctInvoice",
        "summary": "Corrects fields of an invoice or confirms it; each change is recorded and teaches the seller's supplier profile.",
        "description": "Each value is checked (tax code check digit, ISO date, amounts from 0); all problems are named in one 400. subtotal + VAT that does not make the total is a warning in the answer, not a refusal. A seller with a tax code gets a supplier profile from the corrected invoice (name, type, currency): its next invoices with that tax code get that name and type, with the check `seller_from_supplier_profile`.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/InvoiceCorrection"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The invoice as it now is, and warnings.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CorrectionResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "description": "A page of another site, or a user_id that is not the caller's on the Unix socket.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "description": "The body is over 64 KiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "Not `Content-Type: application/json`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/api/invoices/{id}/pages/{page}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "description": "The invoice's id.",
          "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 9223372036854775807
          }
        },
        {
          "name": "page",
          "in": "path",
          "required": true,
          "description": "The page, from 1 (the job's `pages`).",
          "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 200
          }
        }
      ],
      "get": {
        "operationId": "invoicePageImage",
        "summary": "A page of the invoice's archived original as a PNG, at most 1400 px wide (a PDF page rendered).",
        "responses": {
          "200": {
            "description": "The page.",
            "content": {
              "image/png": {
                "schema": {
                  "type": "string",
                  "contentMediaType": "image/png"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "description": "No such invoice or page, or its original is no longer in the archive.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          },
          "422": {
            "description": "The original cannot be shown (damaged, or larger than a preview allows).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/api/search": {
      "get": {
        "operationId": "search",
        "summary": "Full text over the invoices' OCR text and fields, newest first, among what the list's filters select, a page at a time.",
        "parameters": [
          {
            "name": "q",
            "in": "query",
            "required": true,
            "description": "Words to find.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 500
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Items per page (default 20).",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 200,
              "default": 20
            }
          },
          {
            "name": "type",
            "in": "query",
            "required": false,
            "description": "Exact invoice type (`invoice_type`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "seller",
            "in": "query",
            "required": false,
            "description": "Part of the seller's name, accents and case ignored.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "description": "Invoice date on or after (YYYY-MM-DD); orders by invoice date, latest first.",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": false,
            "description": "Invoice date on or before (YYYY-MM-DD).",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            }
          },
          {
            "name": "min_total",
            "in": "query",
            "required": false,
            "description": "Smallest `total_amount`.",
            "schema": {
              "type": "number"
            }
          },
          {
            "name": "max_total",
            "in": "query",
            "required": false,
            "description": "Largest `total_amount`.",
            "schema": {
              "type": "number"
            }
          },
          {
            "name": "needs_review",
            "in": "query",
            "required": false,
            "description": "`true`: only the invoices that need review (a failed check, or `confidence_score` under `extraction.review_below`); `false`: only the others. Any other value is a 400.",
            "schema": {
              "type": "boolean"
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "The `next_cursor` of the previous page.",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]+$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The hits.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SearchPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/chat": {
      "post": {
        "operationId": "chat",
        "summary": "A question about the invoices, answered by the configured chat server from the database.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ChatRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The answer; with `\"stream\": true`, Server-Sent Events: `token` (`{\"text\"}`), `lookup` (`{\"tool\"}`), then `done` (the answer's object) or `error` (`{\"error\", \"status\"}`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ChatReply"
                }
              },
              "text/event-stream": {
                "schema": {
                  "$ref": "#/components/schemas/ChatEventMessage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "description": "A page of another site (TCP), or a `user_id` that is not the caller's login (Unix socket).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "`invoice_id` names no invoice.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is over 64 KiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "Not `Content-Type: application/json`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          },
          "429": {
            "description": "The chat server's rate limit, after retries.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait before trying again.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "502": {
            "description": "The chat server failed, rejected the key, or answered nonsense.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "Chat is not configured (no API key).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "504": {
            "description": "The chat server did not answer within `chat.timeout`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/chat/history": {
      "delete": {
        "operationId": "clearChatHistory",
        "summary": "Forgets a user's conversation.",
        "parameters": [
          {
            "name": "user_id",
            "in": "query",
            "required": true,
            "description": "Whose; on the Unix socket, the caller's login.",
            "schema": {
              "type": "string",
              "minLength": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Forgotten.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ChatHistoryCleared"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "description": "A page of another site (TCP), or a `user_id` that is not the caller's login (Unix socket).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          },
          "503": {
            "description": "This daemon runs without a chat service.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/api/events": {
      "get": {
        "operationId": "events",
        "summary": "Server-Sent Events of job changes: `job.queued`, `job.progress`, `job.done`, `job.failed`, `job.retrying`, `job.duplicate`.",
        "description": "The stream stays open until the client leaves or the daemon stops. Each event's `data` is a JSON object.",
        "parameters": [
          {
            "name": "Last-Event-ID",
            "in": "header",
            "required": false,
            "description": "Resume after this event (from a bounded backlog).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "last_event_id",
            "in": "query",
            "required": false,
            "description": "The same, for clients that cannot set headers.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The event stream; `schema` describes one event (OpenAPI 3.1).",
            "content": {
              "text/event-stream": {
                "schema": {
                  "$ref": "#/components/schemas/JobEventMessage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          },
          "503": {
            "description": "`api.max_event_streams` streams are open already.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait before trying again.",
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus text: jobs by status, OCR seconds, queue depth, HTTP requests.",
        "responses": {
          "200": {
            "description": "Prometheus text format 0.0.4.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openAPI",
        "summary": "This document.",
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document of every route.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "openapi",
                    "paths"
                  ]
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/": {
      "get": {
        "operationId": "webWorkspace",
        "summary": "The web workspace: dashboard, upload, invoices, review queue and chat, in Vietnamese or English.",
        "description": "Plain HTML that loads its scripts and styles from `/assets/{version}/`. Answered with `Content-Security-Policy` (own scripts only, no inline script, `frame-ancestors 'none'`), `X-Content-Type-Options: nosniff` and `Cache-Control: no-cache`.",
        "parameters": [
          {
            "name": "If-None-Match",
            "in": "header",
            "required": false,
            "description": "ETags the browser holds; 304 when one is the current.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The page.",
            "headers": {
              "ETag": {
                "description": "The validator of the body: send it back in `If-None-Match`.",
                "schema": {
                  "type": "string"
                }
              },
              "Cache-Control": {
                "description": "`no-cache` for the page (asked again each time, 304 while unchanged); a year, `immutable`, for an asset (its path changes with the version).",
                "schema": {
                  "type": "string"
                }
              },
              "Content-Security-Policy": {
                "description": "What the page may load; no inline script.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "description": "The browser's copy is current.",
            "headers": {
              "ETag": {
                "description": "The validator of the body: send it back in `If-None-Match`.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/assets/{version}/{name}": {
      "get": {
        "operationId": "webAsset",
        "summary": "A file of the web workspace (CSS, a JavaScript module, an icon).",
        "description": "`version` is the hash of every file of the workspace that the page at `/` names; another version is 404, so a page never mixes files of two builds.",
        "parameters": [
          {
            "name": "version",
            "in": "path",
            "required": true,
            "description": "The workspace's version, as the page names it.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "name",
            "in": "path",
            "required": true,
            "description": "The file's name, e.g. `app.js`.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "If-None-Match",
            "in": "header",
            "required": false,
            "description": "ETags the browser holds; 304 when one is the current.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file.",
            "headers": {
              "ETag": {
                "description": "The validator of the body: send it back in `If-None-Match`.",
                "schema": {
                  "type": "string"
                }
              },
              "Cache-Control": {
                "description": "`no-cache` for the page (asked again each time, 304 while unchanged); a year, `immutable`, for an asset (its path changes with the version).",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "text/javascript": {
                "schema": {
                  "type": "string"
                }
              },
              "text/css": {
                "schema": {
                  "type": "string"
                }
              },
              "image/svg+xml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "description": "The browser's copy is current.",
            "headers": {
              "ETag": {
                "description": "The validator of the body: send it back in `If-None-Match`.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    },
    "/login": {
      "get": {
        "operationId": "loginPage",
        "summary": "The login page: a form that trades `http_token` for a session cookie, for browsers on other machines.",
        "description": "Plain HTML, no script, in Vietnamese with English beside it. Needs no token. Without `http_token` there is nothing to log in to, and with a live session cookie the browser is logged in already: 303 to `/`.",
        "security": [
          {}
        ],
        "responses": {
          "200": {
            "description": "The form.",
            "headers": {
              "Content-Security-Policy": {
                "description": "`default-src 'none'` (no script at all), its own inline style, `form-action 'self'`, `frame-ancestors 'none'`.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "303": {
            "description": "No token is set, or the session is live: on to the workspace.",
            "headers": {
              "Location": {
                "description": "`/`",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      },
      "post": {
        "operationId": "login",
        "summary": "Trades `http_token` for a session cookie.",
        "description": "The token as the form field `token` (the login page posts it) or as JSON `{\"token\": \"...\"}`. A form is answered like a browser expects (303 to the workspace, or the page again saying what went wrong); JSON with 204 or a JSON error. A wrong token is answered after a second, and five wrong ones within a minute from one address (behind a proxy on loopback: its last `X-Forwarded-For`) get 429 until the first is a minute old. Only from the daemon's own pages: another site gets 403. Needs no token.",
        "security": [
          {}
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object",
                "description": "The token to trade for a session cookie.",
                "properties": {
                  "token": {
                    "type": "string",
                    "description": "The daemon's `http_token`."
                  }
                },
                "required": [
                  "token"
                ]
              }
            },
            "application/json": {
              "schema": {
                "type": "object",
                "description": "The token to trade for a session cookie.",
                "properties": {
                  "token": {
                    "type": "string",
                    "description": "The daemon's `http_token`."
                  }
                },
                "required": [
                  "token"
                ]
              }
            }
          }
        },
        "responses": {
          "204": {
            "description": "Logged in (JSON).",
            "headers": {
              "Set-Cookie": {
                "description": "`invoiced_session=<id>; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict`, and `Secure` when a proxy on loopback says the browser used HTTPS (`X-Forwarded-Proto: https`). The id is random, kept in memory for 12 hours or until `POST /logout`; it is not the token.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "303": {
            "description": "Logged in (form): on to the workspace.",
            "headers": {
              "Set-Cookie": {
                "description": "`invoiced_session=<id>; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict`, and `Secure` when a proxy on loopback says the browser used HTTPS (`X-Forwarded-Proto: https`). The id is random, kept in memory for 12 hours or until `POST /logout`; it is not the token.",
                "schema": {
                  "type": "string"
                }
              },
              "Location": {
                "description": "`/`",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "No token in the body, a body that does not read, or no `http_token` set (nothing to log in to).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              },
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "Wrong token.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              },
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "$ref": "#/components/responses/CrossSite"
          },
          "413": {
            "description": "A body over 4096 bytes.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "Neither a form nor JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          },
          "429": {
            "description": "Too many wrong tokens from this address; `Retry-After` says when to try again.",
            "headers": {
              "Retry-After": {
                "description": "Seconds.",
                "schema": {
                  "type": "integer"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              },
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/logout": {
      "post": {
        "operationId": "logout",
        "summary": "Ends the browser's session and clears its cookie.",
        "description": "The session named by the `invoiced_session` cookie ends at once, whatever copy of the cookie is used next. Needs no token (an expired session can still be cleared); only from the daemon's own pages.",
        "security": [
          {}
        ],
        "responses": {
          "303": {
            "description": "Logged out: on to the login page (`/` without `http_token`).",
            "headers": {
              "Set-Cookie": {
                "description": "`invoiced_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`.",
                "schema": {
                  "type": "string"
                }
              },
              "Location": {
                "description": "`/login`",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "$ref": "#/components/responses/CrossSite"
          },
          "421": {
            "$ref": "#/components/responses/MisdirectedRequest"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "`http_token`: required on every route but /healthz when set."
      },
      "sessionCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "invoiced_session",
        "description": "What `POST /login` gives a browser in exchange for `http_token`; accepted wherever the bearer token is."
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "description": "Every error answer (APIError).",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "string",
            "description": "What went wrong, for a person to read."
          }
        }
      },
      "JobStatus": {
        "type": "string",
        "enum": [
          "queued",
          "processing",
          "done",
          "failed",
          "duplicate"
        ]
      },
      "Job": {
        "type": "object",
        "description": "A row of `ocr_jobs`.",
        "required": [
          "id",
          "filepath",
          "filename",
          "status",
          "attempts",
          "invoice_id",
          "error_message",
          "uploader",
          "user_id",
          "created_at",
          "updated_at",
          "started_at",
          "completed_at",
          "sha256",
          "size_bytes",
          "progress",
          "pages",
          "lease_expires_at",
          "next_attempt_at",
          "duplicate_of",
          "result_path"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "filepath": {
            "type": "string",
            "description": "Where the file is now (inbox, archive or failed/)."
          },
          "filename": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/JobStatus"
          },
          "attempts": {
            "type": "integer",
            "minimum": 0
          },
          "invoice_id": {
            "type": [
              "integer",
              "null"
            ]
          },
          "error_message": {
            "type": [
              "string",
              "null"
            ]
          },
          "uploader": {
            "type": [
              "string",
              "null"
            ],
            "description": "The inbox sub-folder the file was dropped in."
          },
          "user_id": {
            "type": [
              "string",
              "null"
            ]
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "started_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "completed_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "sha256": {
            "type": [
              "string",
              "null"
            ]
          },
          "size_bytes": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 0
          },
          "progress": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100
          },
          "pages": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 0
          },
          "lease_expires_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "next_attempt_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "duplicate_of": {
            "type": [
              "string",
              "null"
            ],
            "description": "The job whose file had the same content."
          },
          "result_path": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "JobPage": {
        "type": "object",
        "required": [
          "items",
          "next_cursor"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Job"
            }
          },
          "next_cursor": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Invoice": {
        "type": "object",
        "description": "A row of `invoices`; null for what was not read.",
        "required": [
          "id",
          "job_id",
          "filename",
          "invoice_code",
          "invoice_type",
          "invoice_series",
          "invoice_number",
          "invoice_date",
          "seller_name",
          "seller_tax_code",
          "buyer_name",
          "buyer_tax_code",
          "subtotal",
          "vat_rate",
          "vat_amount",
          "total_amount",
          "currency",
          "amount_in_words",
          "confidence_score",
          "needs_review",
          "ocr_confidence",
          "uploader",
          "user_id",
          "created_at"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "job_id": {
            "type": "string"
          },
          "filename": {
            "type": "string"
          },
          "invoice_code": {
            "type": [
              "string",
              "null"
            ]
          },
          "invoice_type": {
            "type": [
              "string",
              "null"
            ]
          },
          "invoice_series": {
            "type": [
              "string",
              "null"
            ]
          },
          "invoice_number": {
            "type": [
              "string",
              "null"
            ]
          },
          "invoice_date": {
            "type": [
              "string",
              "null"
            ],
            "description": "YYYY-MM-DD as read from the invoice."
          },
          "seller_name": {
            "type": [
              "string",
              "null"
            ]
          },
          "seller_tax_code": {
            "type": [
              "string",
              "null"
            ]
          },
          "buyer_name": {
            "type": [
              "string",
              "null"
            ]
          },
          "buyer_tax_code": {
            "type": [
              "string",
              "null"
            ]
          },
          "subtotal": {
            "type": [
              "number",
              "null"
            ]
          },
          "vat_rate": {
            "type": [
              "number",
              "null"
            ]
          },
          "vat_amount": {
            "type": [
              "number",
              "null"
            ]
          },
          "total_amount": {
            "type": [
              "number",
              "null"
            ]
          },
          "currency": {
            "type": [
              "string",
              "null"
            ]
          },
          "amount_in_words": {
            "type": [
              "string",
              "null"
            ]
          },
          "confidence_score": {
            "type": [
              "number",
              "null"
            ]
          },
          "needs_review": {
            "type": "boolean",
            "description": "A person should look at it: one of its checks failed (`sum_matches`, `vat_rate_matches`, `words_match_total`, `items_sum_matches`, `cash_change_matches`, `seller_tax_code_valid`, `buyer_tax_code_valid` is false), or `confidence_score` is under `extraction.review_below` (default 0.8)."
          },
          "ocr_confidence": {
            "type": [
              "number",
              "null"
            ]
          },
          "uploader": {
            "type": [
              "string",
              "null"
            ]
          },
          "user_id": {
            "type": [
              "string",
              "null"
            ]
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "InvoiceDetail": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Invoice"
          },
          {
            "type": "object",
            "required": [
              "raw_text",
              "checks",
              "job",
              "edits",
              "field_confidence"
            ],
            "properties": {
              "raw_text": {
                "type": "string",
                "description": "The OCR text."
              },
              "checks": {
                "description": "The checks of the reading (JSON as the pipeline stored it), or null."
              },
              "job": {
                "description": "The job that read it, or null.",
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/Job"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "edits": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/InvoiceEdit"
                },
                "description": "What people changed, oldest first; a field changed here has a person as its source."
              },
              "field_confidence": {
                "type": "object",
                "additionalProperties": {
                  "type": "number",
                  "minimum": 0,
                  "maximum": 1
                },
                "description": "Trust in each field, 0…1, by field name: the extractor's, 1 for a field a person corrected; empty for an invoice read before it was kept."
              }
            }
          }
        ]
      },
      "InvoicePage": {
        "type": "object",
        "required": [
          "items",
          "next_cursor"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Invoice"
            }
          },
          "next_cursor": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "SearchHit": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Invoice"
          },
          {
            "type": "object",
            "required": [
              "snippet"
            ],
            "properties": {
              "snippet": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Where the words matched, in `<mark>`."
              }
            }
          }
        ]
      },
      "SearchPage": {
        "type": "object",
        "required": [
          "items",
          "next_cursor"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SearchHit"
            }
          },
          "next_cursor": {
            "type": [
              "string",
              "null"
            ],
            "description": "The cursor of the next page; null on the last."
          }
        }
      },
      "Stats": {
        "type": "object",
        "required": [
          "queued",
          "processing",
          "done",
          "failed",
          "duplicate",
          "invoices",
          "needs_review",
          "oldest_queued_at",
          "oldest_queued_age_seconds",
          "jobs_per_minute_5m",
          "jobs_per_minute_60m",
          "workers_busy",
          "workers_idle",
          "workers"
        ],
        "properties": {
          "queued": {
            "type": "integer",
            "minimum": 0
          },
          "processing": {
            "type": "integer",
            "minimum": 0
          },
          "done": {
            "type": "integer",
            "minimum": 0
          },
          "failed": {
            "type": "integer",
            "minimum": 0
          },
          "duplicate": {
            "type": "integer",
            "minimum": 0
          },
          "invoices": {
            "type": "integer",
            "minimum": 0
          },
          "needs_review": {
            "type": "integer",
            "minimum": 0,
            "description": "Invoices that need review (`needs_review`)."
          },
          "oldest_queued_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "oldest_queued_age_seconds": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0
          },
          "jobs_per_minute_5m": {
            "type": "number",
            "minimum": 0
          },
          "jobs_per_minute_60m": {
            "type": "number",
            "minimum": 0
          },
          "workers_busy": {
            "type": "integer",
            "minimum": 0
          },
          "workers_idle": {
            "type": "integer",
            "minimum": 0
          },
          "workers": {
            "type": "integer",
            "minimum": 0
          }
        }
      },
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "unhealthy"
            ]
          },
          "problems": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "What is wrong (with 503 only)."
          }
        }
      },
      "UploadAccepted": {
        "type": "object",
        "required": [
          "job_id",
          "status"
        ],
        "properties": {
          "job_id": {
            "type": "string"
          },
          "status": {
            "type": "string",
            "enum": [
              "queued",
              "duplicate"
            ]
          },
          "duplicate_of": {
            "type": "string",
            "description": "With `duplicate`: the job that had the same content."
          }
        }
      },
      "InvoiceRemoved": {
        "type": "object",
        "required": [
          "removed",
          "jobs",
          "originals_kept"
        ],
        "properties": {
          "removed": {
            "type": "integer",
            "description": "The invoice's id."
          },
          "jobs": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "The jobs that read it, removed with it."
          },
          "originals_kept": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Their archived originals, kept."
          }
        }
      },
      "ChatRequest": {
        "type": "object",
        "required": [
          "message"
        ],
        "properties": {
          "message": {
            "type": "string",
            "minLength": 1,
            "maxLength": 4000,
            "description": "The question; blank is a 400."
          },
          "user_id": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 128,
            "description": "Whose conversation (remembered turns, \"vừa upload\"); no control characters. On the Unix socket it must be the caller's login (403 otherwise)."
          },
          "invoice_id": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1,
            "description": "An invoice the question is about (404 when absent)."
          },
          "stream": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true: answer as Server-Sent Events."
          }
        }
      },
      "ChatReply": {
        "type": "object",
        "required": [
          "reply",
          "model",
          "invoice_ids",
          "usage"
        ],
        "properties": {
          "reply": {
            "type": "string"
          },
          "model": {
            "type": "string"
          },
          "invoice_ids": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "description": "Invoices the answer cites."
          },
          "usage": {
            "type": "object",
            "required": [
              "prompt_tokens",
              "completion_tokens",
              "total_tokens"
            ],
            "properties": {
              "prompt_tokens": {
                "type": "integer",
                "minimum": 0
              },
              "completion_tokens": {
                "type": "integer",
                "minimum": 0
              },
              "total_tokens": {
                "type": "integer",
                "minimum": 0
              }
            }
          }
        }
      },
      "JobEventMessage": {
        "type": "object",
        "description": "One Server-Sent Event of `/api/events`.",
        "required": [
          "event",
          "data",
          "id"
        ],
        "properties": {
          "event": {
            "type": "string",
            "enum": [
              "job.queued",
              "job.progress",
              "job.done",
              "job.failed",
              "job.retrying",
              "job.duplicate"
            ]
          },
          "id": {
            "type": "string",
            "pattern": "^[0-9]+$",
            "description": "Send it back as `Last-Event-ID` to resume after it."
          },
          "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "description": "A JSON object about the job."
          }
        }
      },
      "ChatEventMessage": {
        "type": "object",
        "description": "One Server-Sent Event of a streamed chat answer.",
        "required": [
          "event",
          "data"
        ],
        "properties": {
          "event": {
            "type": "string",
            "enum": [
              "token",
              "lookup",
              "done",
              "error"
            ]
          },
          "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "description": "`token`: `{\"text\"}`; `lookup`: `{\"tool\"}`; `done`: the answer's object; `error`: `{\"error\", \"status\"}`."
          }
        }
      },
      "ChatHistoryCleared": {
        "type": "object",
        "required": [
          "user_id",
          "deleted"
        ],
        "properties": {
          "user_id": {
            "type": "string"
          },
          "deleted": {
            "type": "integer",
            "minimum": 0,
            "description": "Messages forgotten."
          }
        }
      },
      "InvoiceEdit": {
        "type": "object",
        "description": "One change a person made to an invoice (`invoice_edits`).",
        "required": [
          "id",
          "field",
          "old_value",
          "new_value",
          "edited_by",
          "edited_at"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "field": {
            "type": "string",
            "description": "The field, or `needs_review` for a confirmation."
          },
          "old_value": {
            "type": [
              "string",
              "null"
            ]
          },
          "new_value": {
            "type": [
              "string",
              "null"
            ]
          },
          "edited_by": {
            "type": "string",
            "description": "The caller's login on the Unix socket, the user_id it gave over TCP, else `anonymous`."
          },
          "edited_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "InvoiceCorrection": {
        "type": "object",
        "description": "The fields to correct and/or `confirm`; at least one.",
        "properties": {
          "invoice_type": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500,
            "description": "One of general, electricity, water, telecom, service, retail.",
            "enum": [
              "general",
              "electricity",
              "water",
              "telecom",
              "service",
              "retail",
              null
            ]
          },
          "invoice_series": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500
          },
          "invoice_number": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500
          },
          "invoice_code": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500
          },
          "invoice_date": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500,
            "description": "YYYY-MM-DD, a real day from 1990 to 2100.",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
          },
          "seller_name": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500
          },
          "seller_tax_code": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500,
            "description": "10 digits whose last is the check digit, or 13 for a branch (0314409058-002).",
            "pattern": "^[0-9]{10}(-[0-9]{3})?$"
          },
          "buyer_name": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500
          },
          "buyer_tax_code": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500,
            "description": "10 digits whose last is the check digit, or 13 for a branch (0314409058-002).",
            "pattern": "^[0-9]{10}(-[0-9]{3})?$"
          },
          "subtotal": {
            "type": [
              "number",
              "string",
              "null"
            ],
            "description": "A number (or its digits as text) from 0; vat_rate in percent, 0 to 100. null clears it.",
            "minimum": 0
          },
          "vat_rate": {
            "type": [
              "number",
              "string",
              "null"
            ],
            "description": "A number (or its digits as text) from 0; vat_rate in percent, 0 to 100. null clears it.",
            "minimum": 0,
            "maximum": 100
          },
          "vat_amount": {
            "type": [
              "number",
              "string",
              "null"
            ],
            "description": "A number (or its digits as text) from 0; vat_rate in percent, 0 to 100. null clears it.",
            "minimum": 0
          },
          "total_amount": {
            "type": [
              "number",
              "string",
              "null"
            ],
            "description": "A number (or its digits as text) from 0; vat_rate in percent, 0 to 100. null clears it.",
            "minimum": 0
          },
          "currency": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500,
            "description": "ISO 4217: three letters (VND, USD).",
            "pattern": "^[A-Za-z]{3}$"
          },
          "amount_in_words": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 500
          },
          "confirm": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true: the reading is right; clears needs_review (recorded as a change of needs_review)."
          },
          "user_id": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 128,
            "description": "Who corrects (recorded). On the Unix socket it must be the caller's login (403 otherwise); absent: the login there, `anonymous` over TCP."
          }
        },
        "additionalProperties": false,
        "minProperties": 1
      },
      "CorrectionResult": {
        "type": "object",
        "required": [
          "invoice",
          "warnings"
        ],
        "properties": {
          "invoice": {
            "$ref": "#/components/schemas/InvoiceDetail"
          },
          "warnings": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "What looks wrong without being refused (subtotal + VAT is not the total)."
          }
        }
      },
      "InvoiceSums": {
        "type": "object",
        "required": [
          "invoices",
          "currencies"
        ],
        "properties": {
          "invoices": {
            "type": "integer",
            "minimum": 0,
            "description": "Every invoice the filter selects."
          },
          "currencies": {
            "type": "array",
            "description": "Per currency (đồng are never added to dollars), by code; invoices without a currency last.",
            "items": {
              "type": "object",
              "required": [
                "currency",
                "invoices",
                "invoices_with_total",
                "total_amount",
                "vat_amount"
              ],
              "properties": {
                "currency": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "invoices": {
                  "type": "integer",
                  "minimum": 0
                },
                "invoices_with_total": {
                  "type": "integer",
                  "minimum": 0,
                  "description": "Those with a total: the sum counts only them."
                },
                "total_amount": {
                  "type": "number"
                },
                "vat_amount": {
                  "type": "number"
                }
              }
            }
          }
        }
      },
      "JobHistory": {
        "type": "object",
        "required": [
          "job_id",
          "received_at",
          "entries"
        ],
        "properties": {
          "job_id": {
            "type": "string"
          },
          "received_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the file arrived (the job was recorded)."
          },
          "entries": {
            "type": "array",
            "description": "Each change of the job's status, oldest first (kept since migration v13).",
            "items": {
              "type": "object",
              "required": [
                "status",
                "attempts",
                "message",
                "at"
              ],
              "properties": {
                "status": {
                  "$ref": "#/components/schemas/JobStatus"
                },
                "attempts": {
                  "type": "integer",
                  "minimum": 0,
                  "description": "Attempts after the change (a claim counts one)."
                },
                "message": {
                  "type": [
                    "string",
                    "null"
                  ],
                  "description": "Why, for a retry or a failure."
                },
                "at": {
                  "type": "string",
                  "format": "date-time"
                }
              }
            }
          }
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "A parameter or the body is not what this route takes; `error` names it.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "Nothing with that id.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "Only with `http_token` set (always beyond loopback; on loopback when set): neither the `Authorization: Bearer` token nor a session cookie from `POST /login`. A browser asking for a page (`Accept: text/html`) is sent to `/login` (303) instead.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "CrossSite": {
        "description": "TCP listener only: a request that changes something came from a page of another site (`Sec-Fetch-Site: cross-site`, or an `Origin` this daemon does not answer to).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "MisdirectedRequest": {
        "description": "TCP listener only: `Host` is not 127.0.0.1, [::1], localhost or a name in `api.http_hosts` (DNS rebinding).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    }
  }
}

"""#
}
