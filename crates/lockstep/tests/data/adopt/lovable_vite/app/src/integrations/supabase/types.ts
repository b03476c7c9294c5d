export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "12.2.3 (519615d)"
  }
  public: {
    Tables: {
      activity_log: {
        Row: {
          action: string
          created_at: string
          id: number
          invoice_id: string | null
          payload: Json | null
        }
        Insert: {
          action: string
          created_at?: string
          id?: number
          invoice_id?: string | null
          payload?: Json | null
        }
        Update: {
          action?: string
          created_at?: string
          id?: number
          invoice_id?: string | null
          payload?: Json | null
        }
        Relationships: [
          {
            foreignKeyName: "activity_log_invoice_id_fkey"
            columns: ["invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["id"]
          },
        ]
      }
      clients: {
        Row: {
          created_at: string
          email: string | null
          id: string
          name: string
          owner_id: string
          tier: string
        }
        Insert: {
          created_at?: string
          email?: string | null
          id?: string
          name: string
          owner_id: string
          tier?: string
        }
        Update: {
          created_at?: string
          email?: string | null
          id?: string
          name?: string
          owner_id?: string
          tier?: string
        }
        Relationships: []
      }
      invoices: {
        Row: {
          client_id: string
          created_at: string
          due_date: string | null
          id: string
          notes: string | null
          number: string
          owner_id: string
          status: Database["public"]["Enums"]["invoice_status"]
          total_cents: number
        }
        Insert: {
          client_id: string
          created_at?: string
          due_date?: string | null
          id?: string
          notes?: string | null
          number: string
          owner_id: string
          status?: Database["public"]["Enums"]["invoice_status"]
          total_cents?: number
        }
        Update: {
          client_id?: string
          created_at?: string
          due_date?: string | null
          id?: string
          notes?: string | null
          number?: string
          owner_id?: string
          status?: Database["public"]["Enums"]["invoice_status"]
          total_cents?: number
        }
        Relationships: [
          {
            foreignKeyName: "invoices_client_id_fkey"
            columns: ["client_id"]
            isOneToOne: false
            referencedRelation: "clients"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      search_invoices:
        | { Args: { query: string }; Returns: Database["public"]["Tables"]["invoices"]["Row"][] }
        | {
            Args: { max_rows?: number; query: string }
            Returns: Database["public"]["Tables"]["invoices"]["Row"][]
          }
    }
    Enums: {
      invoice_status: "draft" | "sent" | "paid" | "void"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}
