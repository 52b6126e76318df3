class A < ActiveRecord::Migration[6.1]
end
